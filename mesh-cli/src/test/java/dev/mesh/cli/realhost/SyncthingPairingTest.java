package dev.mesh.cli.realhost;

import static dev.mesh.cli.HostDocuments.folder;
import static dev.mesh.cli.HostDocuments.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mesh.cli.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

/**
 * Issue 12 on real Debian hosts with Debian bookworm's own Syncthing (1.19): three hosts provisioned
 * and paired in one run ({@code --pair-syncthing}), a file written into the shared folder on the
 * first appears on the other two; a second pairing changes nothing; {@code mesh remote status} shows
 * every host's peers connected and the folder's state; {@code mesh remote remove} of the third (it
 * logs it out of Tailscale) takes it out of the pairing everywhere, and a {@code mesh syncthing unpair}
 * after it changes nothing. systemd runs in each container, so Syncthing is the {@code syncthing@steve}
 * service mesh's provisioning starts; the three share one Docker network, and the Tailscale double
 * reports each container's address on it as its tailnet address, so the Syncthing instances really
 * connect, to each other only. Syncthing's public servers (global discovery, relays, STUN) resolve to
 * the containers' loopback, so nothing leaves this machine. A recorder in front of curl snapshots
 * every process's arguments while each REST request runs, to prove the API key is in none.
 */
@RequiresDocker(images = "mesh-test/systemd:bookworm")
class SyncthingPairingTest {
    private static final String[] NAMES = {"alpha", "beta", "gamma"};
    private static final String PUBLIC_SERVERS = "discovery.syncthing.net discovery-v4.syncthing.net"
            + " discovery-v6.syncthing.net relays.syncthing.net upgrades.syncthing.net data.syncthing.net"
            + " crash.syncthing.net stun.syncthing.net stun.callwithus.com stun.counterpath.com stun.counterpath.net"
            + " stun.ekiga.net stun.ideasip.com stun.internetcalls.com stun.schlund.de stun.sipgate.net"
            + " stun.voip.aebc.com stun.voiparound.com stun.voipbuster.com stun.voipstunt.com stun.xten.com";
    /** Stands in front of curl on the test hosts: records its argv and every process's argv while it runs, then runs curl. */
    private static final String CURL_RECORDER = "#!/bin/sh\n"
            + "# Records, in front of the real curl, its arguments and every process's arguments (ps) while it runs.\n"
            + "printf '%s\\n' \"$*\" >>/var/log/mesh-test/curl-args\n"
            + "ps -eo args >>/var/log/mesh-test/ps-at-curl\n"
            + "exec /usr/bin/curl \"$@\"\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A folder's states in /rest/db/status (lib/model/folderstate.go), "error" left out. */
    private static final String SYNCTHING_FOLDER_STATES =
            "idle|scan-waiting|scanning|sync-waiting|sync-preparing|syncing|cleaning|clean-waiting";
    private static final List<LinuxHost> HOSTS = new ArrayList<>();
    private static final Map<String, String> ADDRESSES = new TreeMap<>();
    private static Network network;

    @TempDir
    static Path dir;

    @AfterAll
    static void stopHosts() {
        HOSTS.forEach(LinuxHost::close);
        if (network != null) {
            network.close();
        }
    }

    @Test
    void threeHostsSyncAFolderNobodyConfigured() throws Exception {
        MeshCli mesh = start();
        List<MeshCli.Run> runs = new ArrayList<>();

        MeshCli.Run provision = mesh.run(List.of("--config", mesh.config.toString(), "remote", "provision", "--all",
                "-s", MeshCli.SERVER, "--pair-syncthing"));
        runs.add(provision);
        assertEquals(0, provision.exitCode(), provision.output());
        for (String name : NAMES) {
            for (String other : NAMES) {
                if (!other.equals(name)) {
                    assertTrue(provision.output().contains("✓ " + name + ": added device " + other), provision.output());
                }
            }
            assertTrue(provision.output().contains("✓ " + name + ": created folder shared at ~/Shared"), provision.output());
        }

        long wrote = System.nanoTime();
        LinuxHost alpha = HOSTS.get(0);
        await(Duration.ofSeconds(30), () -> alpha.succeeds("test -d /home/steve/Shared/.stfolder"), "alpha's folder");
        alpha.root("su steve -c 'echo hello from alpha >/home/steve/Shared/hello.txt'");
        for (LinuxHost other : HOSTS.subList(1, 3)) {
            await(Duration.ofSeconds(60), () -> other.succeeds("grep -qx 'hello from alpha' /home/steve/Shared/hello.txt"),
                    "hello.txt on the other hosts within 60 s");
        }
        Measured.report("syncthing: provision --all --pair-syncthing %s ms, file on both other hosts after %s ms",
                provision.elapsed().toMillis(), Duration.ofNanos(System.nanoTime() - wrote).toMillis());

        MeshCli.Run again = mesh.run(List.of("-v", "syncthing", "pair", "--all"));
        runs.add(again);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.output().contains("3 hosts: nothing changed"), again.output());
        assertFalse(again.output().contains("added device"), again.output());

        MeshCli.Run status = mesh.run(List.of("--config", mesh.config.toString(), "remote", "status", "--all", "--output", "json"));
        runs.add(status);
        assertEquals(0, status.exitCode(), status.output());
        JsonSchemas.assertValid(status.out(), "remote-status");
        for (JsonNode host : JSON.readTree(status.out()).get("hosts")) {
            JsonNode pairing = host.at("/syncthing/pairing");
            assertEquals("read", pairing.get("state").asText(), host.toString());
            JsonNode devices = pairing.at("/status/devices");
            assertEquals(2, devices.size(), host.toString());
            for (JsonNode device : devices) {
                assertTrue(device.get("connected").asBoolean(), host.toString());
                String name = device.get("name").asText();
                assertEquals("[\"tcp://" + ADDRESSES.get(name) + ":22000\",\"tcp://[" + ipv6(name) + "]:22000\"]",
                        device.get("addresses").toString(), "only the tailnet addresses, no dynamic");
            }
            JsonNode shared = folder(pairing, "shared");
            assertEquals(2, shared.get("shared-with").size(), host.toString());
            assertTrue(shared.get("state").asText().matches(SYNCTHING_FOLDER_STATES), shared.toString());
        }
        Measured.report("syncthing: remote status --all (three hosts, Syncthing's pairing included) %s ms",
                status.elapsed().toMillis());

        MeshCli.Run remove = mesh.run(List.of("--config", mesh.config.toString(), "remote", "remove", "gamma", "-s", MeshCli.SERVER,
                "--keep-node", "--yes", "--output", "json"));
        runs.add(remove);
        assertEquals(0, remove.exitCode(), remove.output());
        JsonSchemas.assertValid(remove.out(), "remote-remove");
        JsonNode unpaired = JSON.readTree(remove.out()).get("syncthing-pairing");
        for (String other : List.of("alpha", "beta")) {
            assertTrue(changes(unpaired, other).contains("unshared folder shared from gamma")
                    && changes(unpaired, other).contains("removed device gamma ("), remove.out());
            assertTrue(changes(unpaired, "gamma").contains("removed device " + other + " ("),
                    "gamma, logged out, was asked all the same and forgot the others: " + remove.out());
        }
        MeshCli.Run after = mesh.run(List.of("--config", mesh.config.toString(), "remote", "status", "--all", "--output", "json"));
        runs.add(after);
        assertEquals(0, after.exitCode(), after.output());
        for (JsonNode host : JSON.readTree(after.out()).get("hosts")) {
            String name = host.get("name").asText();
            JsonNode pairing = host.at("/syncthing/pairing");
            JsonNode devices = pairing.at("/status/devices");
            JsonNode shared = folder(pairing, "shared");
            if (name.equals("gamma")) {
                assertEquals("NeedsLogin", host.at("/tailscale/backend-state").asText(), "removed from the mesh");
                assertEquals(0, devices.size(), host.toString());
                assertEquals(0, shared.get("shared-with").size(), host.toString());
            } else {
                assertEquals(1, devices.size(), host.toString());
                assertFalse(devices.toString().contains("gamma") || devices.toString().contains(deviceId(status, "gamma")),
                        host.toString());
                assertEquals("[\"" + (name.equals("alpha") ? "beta" : "alpha") + "\"]", shared.get("shared-with").toString());
            }
        }
        MeshCli.Run unpairAgain = mesh.run(List.of("syncthing", "unpair", "gamma"));
        runs.add(unpairAgain);
        assertEquals(0, unpairAgain.exitCode(), unpairAgain.output());
        assertTrue(unpairAgain.output().contains("3 hosts: nothing changed"), unpairAgain.output());

        assertApiKeysNeverExposed(runs);
    }

    /** Three systemd hosts on one network, each with its tailnet address, hosts.conf, known_hosts, Headscale's nodes. */
    private static MeshCli start() throws Exception {
        network = Network.newNetwork();
        Network shared = new Network() {
            @Override
            public String getId() {
                return network.getId();
            }

            @Override
            public void close() {
                // closed once, after every host (LinuxHost closes its network with itself)
            }
        };
        MeshCli mesh = new MeshCli(dir);
        List<String> knownHosts = new ArrayList<>();
        StringBuilder nodes = new StringBuilder();
        StringBuilder inventory = new StringBuilder("defaults { user = steve, identity = \"" + ClientKey.shared().privateKey()
                + "\", syncthing.folders { shared = \"~/Shared\" } }\nhosts {\n");
        for (int i = 0; i < NAMES.length; i++) {
            LinuxHost host = LinuxHost.startSystemd(HostImage.systemd("bookworm"), shared);
            HOSTS.add(host);
            String address = host.root("hostname -I").strip().split("\\s+")[0];
            ADDRESSES.put(NAMES[i], address);
            host.root("mkdir -p /etc/tailscale-double /var/log/mesh-test && echo " + address + " >/etc/tailscale-double/ip"
                    + " && echo " + ipv6(NAMES[i]) + " >/etc/tailscale-double/ip6"
                    + " && echo '127.0.0.1 " + PUBLIC_SERVERS + "' >>/etc/hosts"
                    + " && touch /var/log/mesh-test/curl-args /var/log/mesh-test/ps-at-curl && chmod 0666 /var/log/mesh-test/*"
                    + " && cat >/usr/local/bin/curl <<'EOF'\n" + CURL_RECORDER + "EOF\nchmod 0755 /usr/local/bin/curl");
            knownHosts.addAll(host.knownHostsLines());
            nodes.append(i + 3).append(' ').append(NAMES[i]).append(' ').append(NAMES[i]).append(' ').append(address)
                    .append(" true\n");
            inventory.append("  ").append(NAMES[i]).append(" { address = \"127.0.0.1\", port = ").append(host.port()).append(" }\n");
        }
        Files.write(mesh.knownHosts, knownHosts);
        Files.writeString(dir.resolve("headscale-nodes.txt"), nodes.toString());
        Path conf = dir.resolve("xdg/mesh/hosts.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, inventory.append("}\n").toString());
        return mesh;
    }

    /**
     * The API key of each host's Syncthing (read from config.xml, where bookworm's 1.19 keeps it:
     * ~/.config/syncthing) was used (pairing worked) but is in no output, no command line mesh sent
     * (-v shows them), no curl argument list and no process's arguments while curl ran.
     */
    private static void assertApiKeysNeverExposed(List<MeshCli.Run> runs) {
        String output = String.join("\n", runs.stream().map(MeshCli.Run::output).toList());
        assertTrue(output.contains("sh -c "), "the -v run lists the commands mesh sent");
        for (LinuxHost host : HOSTS) {
            String key = host.root("sed -n 's:.*<apikey>\\(.*\\)</apikey>.*:\\1:p' /home/steve/.config/syncthing/config.xml").strip();
            assertTrue(key.length() >= 16, "an API key Syncthing generated: " + key.length() + " characters");
            String curlArgs = host.root("cat /var/log/mesh-test/curl-args");
            String processes = host.root("cat /var/log/mesh-test/ps-at-curl");
            assertTrue(curlArgs.contains("-H @-") && processes.contains("curl -sS"), "the recorder saw mesh's requests");
            assertFalse(output.contains(key), "API key in mesh's output");
            assertFalse(curlArgs.contains(key), "API key in curl's arguments");
            assertFalse(processes.contains(key), "API key in a process's arguments while curl ran");
        }
    }

    /** The host's tailnet IPv6 address (nothing routes it here: Syncthing's dials to it fail at once). */
    private static String ipv6(String name) {
        return "fd7a:115c:a1e0::" + (java.util.Arrays.asList(NAMES).indexOf(name) + 1);
    }

    /** The host's device ID in a {@code remote status} run. */
    private static String deviceId(MeshCli.Run status, String name) throws Exception {
        return host(JSON.readTree(status.out()), name).at("/syncthing/pairing/status/device-id").asText();
    }

    private static String changes(JsonNode pairing, String name) {
        return host(pairing, name).get("changes").toString();
    }

    private static void await(Duration limit, java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(500);
        }
    }
}
