package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mesh.os.macos.SimulatedMacHost;
import dev.mesh.os.windows.SimulatedWindowsHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mesh remote status} and {@code mesh remote remove} through the real CLI, SSH client and the
 * Windows and macOS plugins, on their simulated hosts (over SSH), with the Headscale CLI double.
 */
class RemoteStatusRemoveCliTest {
    @TempDir
    Path dir;

    private static List<String> args(String command, String user, SimulatedHost host, String... extra) {
        List<String> args = new ArrayList<>(List.of("remote", command, user + "@127.0.0.1", "-p", String.valueOf(host.port()),
                "-s", "http://127.0.0.1:8080", "-i", host.clientKey().toString()));
        args.addAll(List.of(extra));
        return args;
    }

    /** Provisions, reads the status, removes, removes again; returns the harness. */
    private void joinedHostLeavesAndASecondRemoveChangesNothing(CliHarness cli, String user, SimulatedHost host,
                                                                 String node) throws Exception {
        assertEquals(ExitCodes.OK, cli.run(args("provision", user, host, "--skip-syncthing").toArray(String[]::new)), cli.output());

        assertEquals(ExitCodes.OK, cli.run(args("status", user, host, "--output", "json").toArray(String[]::new)), cli.output());
        JsonSchemas.assertValid(cli.out, "remote-status");
        JsonNode h = new ObjectMapper().readTree(cli.out).at("/hosts/0");
        assertEquals("Running", h.at("/tailscale/backend-state").asText(), cli.out);
        assertEquals(node, h.at("/headscale/node/name").asText(), cli.out);
        assertEquals("http://127.0.0.1:8080", h.at("/tailscale/control-url").asText(), cli.out);
        assertEquals("not-installed", h.at("/syncthing/pairing/state").asText(), "--skip-syncthing: " + cli.out);
        assertEquals("Syncthing is not installed", h.at("/syncthing/pairing/reason").asText(), cli.out);

        assertEquals(ExitCodes.USAGE, cli.run(args("remove", user, host).toArray(String[]::new)), "no terminal, no --yes");
        assertTrue(cli.err.contains("--yes"), cli.err);

        assertEquals(ExitCodes.OK, cli.run(args("remove", user, host, "--dry-run", "--output", "json").toArray(String[]::new)),
                cli.output());
        JsonSchemas.assertValid(cli.out, "remote-remove");
        assertEquals("planned", new ObjectMapper().readTree(cli.out).at("/hosts/0/outcome").asText(), cli.out);
        assertTrue(Files.readString(cli.headscaleNodes).contains(node), "the dry run deleted nothing");

        assertEquals(ExitCodes.OK, cli.run(args("remove", user, host, "--yes").toArray(String[]::new)), cli.output());
        assertTrue(cli.out.contains("tailscale logout") && cli.out.contains("deleted the Headscale node " + node), cli.out);
        assertFalse(Files.readString(cli.headscaleNodes).contains(node), "node deleted");

        assertEquals(ExitCodes.OK, cli.run(args("remove", user, host, "--yes", "--output", "json").toArray(String[]::new)),
                cli.output());
        assertEquals("unchanged", new ObjectMapper().readTree(cli.out).at("/hosts/0/outcome").asText(), cli.out);
        assertTrue(cli.err.contains("logged out already"), cli.err);
    }

    @Test
    void windowsHost() throws Exception {
        try (SimulatedWindowsHost<SimulatedHost> windows = SimulatedWindowsHost.overSsh(dir.resolve("host"))) {
            windows.validKeys.add(CliHarness.KEY);
            CliHarness cli = new CliHarness(dir);
            windows.onJoin = cli.joinHook("win11");
            joinedHostLeavesAndASecondRemoveChangesNothing(cli, "admin", windows.host, "win11");
            assertEquals("NeedsLogin", windows.node.backendState);
        }
    }

    @Test
    void macHost() throws Exception {
        try (SimulatedMacHost<SimulatedHost> mac = SimulatedMacHost.overSsh(dir.resolve("host"))) {
            mac.withHomebrew();
            mac.validKeys.add(CliHarness.KEY);
            CliHarness cli = new CliHarness(dir);
            mac.onJoin = cli.joinHook("studio-mac");
            joinedHostLeavesAndASecondRemoveChangesNothing(cli, "steve", mac.host, "studio-mac");
        }
    }
}
