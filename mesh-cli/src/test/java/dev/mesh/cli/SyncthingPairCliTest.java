package dev.mesh.cli;

import static dev.mesh.cli.HostDocuments.folder;
import static dev.mesh.cli.HostDocuments.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mesh.os.macos.SimulatedMacHost;
import dev.mesh.os.macos.SimulatedMacSyncthing;
import dev.mesh.os.windows.SimulatedWindowsHost;
import dev.mesh.os.windows.SimulatedWindowsSyncthing;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.SyncthingDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mesh syncthing pair|status|unpair} through the real CLI, SSH client and the Windows and macOS
 * plugins, against a simulated Windows host and Mac on the tailnet with Syncthing running (the
 * testkit's REST stand-in behind each plugin's real script).
 */
class SyncthingPairCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SimulatedWindowsHost<SimulatedHost> windows;
    SimulatedMacHost<SimulatedHost> mac;
    SimulatedWindowsSyncthing windowsSyncthing;
    SimulatedMacSyncthing macSyncthing;
    CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        windows = SimulatedWindowsHost.overSsh(dir.resolve("win")).withTailscale().withSyncthing();
        windows.node.backendState = "Running";
        windows.node.addresses = List.of(SimulatedWindowsHost.TAILSCALE_IP, "fd7a:115c:a1e0::7");
        mac = SimulatedMacHost.overSsh(dir.resolve("mac")).withHomebrew().withHomebrewTailscale();
        mac.node.daemonRunning = true;
        mac.node.backendState = "Running";
        mac.node.addresses = List.of(SimulatedMacHost.TAILSCALE_IP);
        windowsSyncthing = new SimulatedWindowsSyncthing(windows, new SyncthingDouble("WinKey0123456789abcdefghijklmn",
                SyncthingDouble.deviceId('W')));
        macSyncthing = new SimulatedMacSyncthing(mac, new SyncthingDouble("MacKey0123456789abcdefghijklmn",
                SyncthingDouble.deviceId('M')));
        cli = new CliHarness(dir);
        Path inventory = dir.resolve("xdg/mesh/hosts.conf");
        Files.createDirectories(inventory.getParent());
        Files.writeString(inventory, "defaults { syncthing.folders { notes = \"~/Notes\" } }\nhosts {\n"
                + "  win { address = \"127.0.0.1\", port = " + windows.host.port() + ", user = admin, identity = \""
                + windows.host.clientKey() + "\", syncthing.folders { notes = \"C:\\\\Users\\\\admin\\\\Notes\" } }\n"
                + "  studio { address = \"127.0.0.1\", port = " + mac.host.port() + ", user = steve, identity = \""
                + mac.host.clientKey() + "\" }\n}\n");
    }

    @AfterEach
    void stop() {
        windows.close();
        mac.close();
    }

    @Test
    void pairsAWindowsHostAndAMacAndASecondRunChangesNothing() throws Exception {
        SyncthingDouble w = windowsSyncthing.api;
        SyncthingDouble m = macSyncthing.api;
        // the user had paired the Mac with the PC by hand: found by discovery, and as an introducer
        m.devices.put(w.myId, new java.util.LinkedHashMap<>(Map.of("deviceID", w.myId, "name", "my-pc",
                "addresses", List.of("dynamic"), "introducer", true, "paused", false)));

        assertEquals(ExitCodes.OK, cli.run("syncthing", "pair", "--all", "--folder", "photos=~/Photos"), cli.output());

        assertEquals("my-pc", m.devices.get(w.myId).get("name"), "the user's name for it stays");
        assertEquals(false, m.devices.get(w.myId).get("introducer"));
        assertTrue(cli.output().contains("✓ studio: set device win (WWWWWWW) to tcp://100.64.0.7:22000,"
                + " tcp://[fd7a:115c:a1e0::7]:22000 (was dynamic), no longer an introducer"), cli.output());
        assertEquals(List.of("tcp://" + SimulatedMacHost.TAILSCALE_IP + ":22000"), 
                w.devices.get(m.myId).get("addresses"), "the Mac on Windows, at its tailnet address only");
        assertEquals("studio", w.devices.get(m.myId).get("name"));
        assertEquals(List.of("tcp://" + SimulatedWindowsHost.TAILSCALE_IP + ":22000", "tcp://[fd7a:115c:a1e0::7]:22000"),
                m.devices.get(w.myId).get("addresses"));
        assertEquals("C:\\Users\\admin\\Notes", w.folders.get("notes").get("path"), "the host's own path wins");
        assertEquals("~/Notes", m.folders.get("notes").get("path"));
        assertEquals("~/Photos", m.folders.get("photos").get("path"));
        assertTrue(m.folders.get("notes").get("devices").toString().contains(w.myId));
        assertTrue(cli.output().contains("✓ win: added device studio (MMMMMMM) at tcp://100.64.0.9:22000"), cli.output());
        assertTrue(cli.output().contains("2 hosts: 2 changed, 0 unchanged, 0 failed"), cli.output());

        assertEquals(ExitCodes.OK, cli.run("syncthing", "pair", "--all", "--folder", "photos=~/Photos"), cli.output());
        assertTrue(cli.output().contains("2 hosts: nothing changed"), cli.output());

        assertEquals(ExitCodes.OK, cli.run("syncthing", "status", "--all", "--output", "json"), cli.output());
        JsonSchemas.assertValid(cli.out, "syncthing-document");
        JsonNode studio = JSON.readTree(cli.out).get("hosts").get(0);
        assertEquals("studio", studio.get("name").asText());
        assertEquals(w.myId, studio.at("/syncthing/devices/0/device-id").asText());
        assertEquals("win", studio.at("/syncthing/devices/0/name").asText());

        remoteStatusShowsThePairing(w, m);

        assertEquals(ExitCodes.OK, cli.run("syncthing", "unpair", "win", "--output", "json"), cli.output());
        JsonSchemas.assertValid(cli.out, "syncthing-document");
        assertEquals(Map.of(), Map.copyOf(filter(m.devices, m.myId)), "the Mac forgot Windows");
        assertEquals(Map.of(), Map.copyOf(filter(w.devices, w.myId)), "Windows forgot the Mac");
        assertFalse(m.folders.get("notes").get("devices").toString().contains(w.myId));

        for (String command : windows.host.commands()) {
            assertFalse(command.contains(w.apiKey) || command.contains(m.apiKey), "API key on a command line");
        }
        for (String script : windows.decodedCommands()) {
            assertFalse(script.contains(w.apiKey), "API key in a script");
        }
        for (String command : mac.host.commands()) {
            assertFalse(command.contains(m.apiKey), "API key on a command line");
        }
        assertTrue(w.keysSeen.stream().allMatch(w.apiKey::equals) && !w.keysSeen.isEmpty(), "every request had the key");
        assertFalse(cli.output().contains(w.apiKey) || cli.output().contains(m.apiKey));
    }

    /**
     * {@code mesh remote status} after pairing: each host's devices named after the hosts (not what the
     * Mac's user called the PC), with their connection, and its folders; then a Syncthing that stopped
     * answering is asked once and shown as such, and the host still counts as read.
     */
    private void remoteStatusShowsThePairing(SyncthingDouble w, SyncthingDouble m) throws Exception {
        windows.syncthingRunning = true;
        mac.syncthingInstalled = true;
        mac.syncthingStarted = true;
        w.connected.add(m.myId);
        assertEquals(ExitCodes.OK, cli.run("remote", "status", "--all", "--output", "json"), cli.output());
        JsonSchemas.assertValid(cli.out, "remote-status");
        JsonNode doc = JSON.readTree(cli.out);
        JsonNode win = host(doc, "win").at("/syncthing/pairing");
        assertEquals("read", win.get("state").asText(), win.toString());
        assertEquals(w.myId, win.at("/status/device-id").asText());
        assertEquals("studio", win.at("/status/devices/0/name").asText());
        assertTrue(win.at("/status/devices/0/connected").asBoolean());
        assertEquals("[\"studio\"]", folder(win, "notes").get("shared-with").toString());
        assertEquals("idle", folder(win, "notes").get("state").asText());
        JsonNode studio = host(doc, "studio").at("/syncthing/pairing");
        assertEquals("win", studio.at("/status/devices/0/name").asText(), "the mesh name, not the user's 'my-pc'");
        assertFalse(studio.at("/status/devices/0/connected").asBoolean());
        assertTrue(studio.get("reason").isNull());

        assertEquals(ExitCodes.OK, cli.run("remote", "status", "--all"), cli.output());
        assertTrue(cli.out.contains("running, 1/1 connected"), cli.out);
        assertTrue(cli.out.contains("    device studio (MMMMMMM) at tcp://100.64.0.9:22000: ✓ connected (100.64.0.1:22000)"), cli.out);
        assertTrue(cli.out.contains("    device win (WWWWWWW) at tcp://100.64.0.7:22000, tcp://[fd7a:115c:a1e0::7]:22000: ⚠ not connected"),
                cli.out);
        assertTrue(cli.out.contains("    folder notes at ~/Notes: idle, shared with win"), cli.out);

        macSyncthing.running = false;
        int asked = macSyncthing.scripts.size();
        assertEquals(ExitCodes.OK, cli.run("remote", "status", "studio", "--output", "json"), cli.output());
        JsonSchemas.assertValid(cli.out, "remote-status");
        JsonNode silent = JSON.readTree(cli.out).at("/hosts/0/syncthing");
        assertEquals("not-answering", silent.at("/pairing/state").asText(), silent.toString());
        assertTrue(silent.at("/pairing/reason").asText().startsWith("curl: (7) Failed to connect to 127.0.0.1 port 8384"), silent.toString());
        assertTrue(silent.get("running").asBoolean());
        assertEquals(asked + 1, macSyncthing.scripts.size(), "asked once, not waited for");
        macSyncthing.running = true;
    }

    @Test
    void aHostOffTheTailnetFailsAloneAndTheOtherIsStillAnswered() throws Exception {
        windows.node.backendState = "NeedsLogin";
        windows.node.addresses = List.of();
        assertEquals(ExitCodes.FAILURE, cli.run("syncthing", "pair", "studio", "win", "--output", "json"), cli.output());
        JsonSchemas.assertValid(cli.out, "syncthing-document");
        JsonNode doc = JSON.readTree(cli.out);
        assertEquals("[\"created folder notes at ~/Notes (no other host has it yet)\"]", doc.at("/hosts/0/changes").toString(),
                "alone, the Mac has nobody to pair with, but its folder is ready");
        assertEquals(macSyncthing.api.myId, doc.at("/hosts/0/syncthing/device-id").asText());
        assertEquals("failed", doc.at("/hosts/1/outcome").asText());
        assertEquals("TAILSCALE", doc.at("/hosts/1/failure/step").asText());
        assertEquals("VERIFY_FAILED", doc.at("/hosts/1/failure/reason").asText());
        assertTrue(windowsSyncthing.api.requests.isEmpty(), "Syncthing is not asked on a host off the tailnet");
        assertTrue(cli.err.contains("win (admin@127.0.0.1:" + windows.host.port() + "): Tailscale is not running"), cli.err);
    }

    private static Map<String, Map<String, Object>> filter(Map<String, Map<String, Object>> devices, String self) {
        Map<String, Map<String, Object>> others = new java.util.HashMap<>(devices);
        others.remove(self);
        return others;
    }
}
