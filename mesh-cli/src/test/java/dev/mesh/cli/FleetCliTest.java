package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many hosts in one run (issue 9) through the real CLI, against simulated Debian hosts over SSH, each
 * accepting only its own key (so every connection must use its inventory host's identity), and the
 * Headscale CLI double: one process, shared Headscale work, the summary, JSON and the exit codes.
 */
class FleetCliTest {
    static final String SERVER = "http://127.0.0.1:8080";

    @TempDir
    Path dir;
    final List<SimulatedDebianHost<SimulatedHost>> hosts = new ArrayList<>();
    CliHarness cli;
    Path inventory;

    @BeforeEach
    void startHosts() throws Exception {
        cli = new CliHarness(dir);
        StringBuilder conf = new StringBuilder("defaults { user = steve }\nhosts {\n");
        for (int i = 1; i <= 3; i++) {
            SimulatedDebianHost<SimulatedHost> h = SimulatedDebianHost.overSsh(dir.resolve("host" + i));
            h.onJoin = cli.joinHook("web1");
            hosts.add(h);
            conf.append("  node").append(i).append(" { address = \"127.0.0.1\", port = ").append(h.host.port())
                    .append(", identity = \"").append(h.host.clientKey()).append("\", tags = [")
                    .append(i == 3 ? "db" : "web").append("] }\n");
        }
        inventory = dir.resolve("hosts.conf");
        Files.writeString(inventory, conf.append("}\n").toString());
    }

    @AfterEach
    void stopHosts() {
        hosts.forEach(SimulatedDebianHost::close);
    }

    private int fleet(String... extra) {
        List<String> args = new ArrayList<>(List.of("--inventory", inventory.toString(), "remote", "provision", "-s", SERVER));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    private long calls(String prefix) throws Exception {
        return cli.headscaleCalls().stream().filter(l -> l.startsWith(prefix)).count();
    }

    @Test
    void allHostsJoinInOneRunWithOneKeyAndOneSnapshotOfTheNodeList() throws Exception {
        assertEquals(ExitCodes.OK, fleet("--all"), cli.output());

        for (SimulatedDebianHost<SimulatedHost> h : hosts) {
            assertEquals(1, h.upCount, "each host joined once");
            assertEquals(1, h.host.connectionCount(), "one SSH connection per host");
        }
        // Headscale's work is shared: one version and user lookup, one reusable key (expired at the end)
        assertEquals(1, calls("version"), cli.headscaleCalls().toString());
        assertEquals(1, calls("users list"), cli.headscaleCalls().toString());
        assertEquals(1, calls("preauthkeys create"), cli.headscaleCalls().toString());
        assertEquals(1, calls("preauthkeys expire"), cli.headscaleCalls().toString());
        assertTrue(calls("nodes list") <= 1 + hosts.size(), "one snapshot, then at most one poll per host: "
                + cli.headscaleCalls());
        // not a terminal: one line per step change, prefixed with the host's name; then the summary
        for (String name : List.of("node1", "node2", "node3")) {
            assertTrue(cli.out.contains(name + ": SSH_TESTING (Test SSH connection)"), cli.out);
            assertTrue(cli.out.contains(name + ": ✓ on the mesh: " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
        }
        assertTrue(cli.out.matches("(?s).*HOST +OUTCOME +TAILSCALE IP +HEADSCALE NODE +TIME.*"), cli.out);
        assertTrue(cli.out.contains("3 hosts in ") && cli.out.contains(": 3 succeeded (3 changed, 0 unchanged), 0 failed"),
                cli.out);
        assertFalse(cli.output().contains(CliHarness.KEY), "key in output");

        assertEquals(ExitCodes.OK, fleet("--all"), cli.output());
        assertTrue(cli.out.contains("3 succeeded (0 changed, 3 unchanged)"), "a re-run changes nothing: " + cli.out);
        hosts.forEach(h -> assertEquals(1, h.upCount, "no second tailscale up"));
    }

    @Test
    void aHostWhoseSudoWantsAPasswordFailsAloneAndIsNamedWithARunnableHint() throws Exception {
        hosts.get(1).host.onExact("sudo -n true", 1, "", "sudo: a password is required\n");

        assertEquals(ExitCodes.FAILURE, fleet("--all", "--output", "json"), cli.output());

        JsonSchemas.assertValid(cli.out, "host-results");
        JsonNode doc = new ObjectMapper().readTree(cli.out);
        assertEquals(1, doc.get("exit-code").asInt());
        assertEquals(2, doc.at("/counts/success").asInt());
        assertEquals(1, doc.at("/counts/failed").asInt());
        JsonNode failed = doc.get("hosts").get(1);
        assertEquals("node2", failed.get("name").asText());
        assertEquals("failed", failed.get("outcome").asText());
        assertEquals("PREFLIGHT", failed.at("/failure/step").asText());
        assertEquals("SUDO_PASSWORD_REQUIRED", failed.at("/failure/reason").asText());
        assertEquals("Run `mesh --inventory " + inventory + " remote prepare node2` once (it asks for the sudo password)"
                + " to allow mesh's commands without one.", failed.at("/failure/hint").asText());
        JsonNode ok = doc.get("hosts").get(0);
        assertEquals("success", ok.get("outcome").asText());
        assertEquals(SimulatedDebianHost.TAILSCALE_IP, ok.at("/tailscale-ips/0").asText());
        assertEquals("3", ok.at("/node/id").asText());
        assertTrue(ok.get("changed").asBoolean());
        assertEquals("SUCCESS", ok.at("/states/" + (ok.get("states").size() - 1)).asText());
        // human output went to standard error, naming the failed host
        assertTrue(cli.err.contains("✗ node2 (steve@127.0.0.1:" + hosts.get(1).host.port() + "): sudo requires password"
                + " (at PREFLIGHT)"), cli.err);
        assertEquals(0, hosts.get(1).upCount, "nothing changed on the failed host");
    }

    @Test
    void tagsSelectHostsAndAnUnknownTagIsExitTwoBeforeAnyConnection() throws Exception {
        assertEquals(ExitCodes.OK, fleet("--tag", "db"), cli.output());
        assertEquals(List.of(0, 0, 1), hosts.stream().map(h -> h.upCount).toList());

        assertEquals(ExitCodes.USAGE, fleet("--tag", "nosuch"), cli.output());
        assertTrue(cli.err.contains("nosuch"), cli.err);
        assertEquals(List.of(0, 0, 1), hosts.stream().map(h -> h.host.connectionCount()).toList());

        assertEquals(ExitCodes.USAGE, fleet(), cli.output());
        assertTrue(cli.err.contains("HOST…, --tag TAG or --all"), cli.err);
    }

    @Test
    void parallelOneRunsTheHostsOneAfterTheOtherInOrder() throws Exception {
        assertEquals(ExitCodes.OK, cli.run("--inventory", inventory.toString(), "remote", "provision-all", "-s", SERVER,
                "--parallel", "1"), cli.output());
        List<String> lines = cli.out.lines().filter(l -> l.matches("node\\d: .*")).toList();
        List<String> order = new ArrayList<>();
        lines.forEach(l -> {
            String name = l.substring(0, l.indexOf(':'));
            if (order.isEmpty() || !order.get(order.size() - 1).equals(name)) {
                order.add(name);
            }
        });
        assertEquals(List.of("node1", "node2", "node3"), order, cli.out);
    }

    @Test
    void singleUseKeysAreOnePerHostEachExpired() throws Exception {
        cli.env.put("MESH_KEY_REUSABLE", "false");
        assertEquals(ExitCodes.OK, fleet("--all"), cli.output());
        assertEquals(3, calls("preauthkeys create"), cli.headscaleCalls().toString());
        assertTrue(cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create"))
                .noneMatch(l -> l.contains("--reusable")), cli.headscaleCalls().toString());
        assertEquals(3, calls("preauthkeys expire"), cli.headscaleCalls().toString());
    }

    @Test
    void verboseShowsEachRemoteCommandPerHostWithItsExitCode() throws Exception {
        assertEquals(ExitCodes.OK, fleet("--tag", "web", "-v"), cli.output());
        for (String name : List.of("node1", "node2")) {
            assertTrue(cli.out.lines().anyMatch(l -> l.startsWith(name + ": $ echo connected  [exit 0, ")), cli.out);
            assertTrue(cli.out.lines().anyMatch(l -> l.startsWith(name + ": $ sudo -n true  [exit 0, ")), cli.out);
        }
        assertTrue(cli.out.lines().anyMatch(l -> l.startsWith("node1: $ ") && l.contains("tailscale up")), cli.out);
        assertFalse(cli.output().contains(CliHarness.KEY), "key in the command log");
    }

    @Test
    void underLcAllCTheMarksAreAscii() throws Exception {
        hosts.get(2).host.onExact("sudo -n true", 1, "", "sudo: a password is required\n");
        cli.env.put("LC_ALL", "C");
        assertEquals(ExitCodes.FAILURE, fleet("--all"), cli.output());
        assertTrue(cli.out.contains("node1: [ok] on the mesh"), cli.out);
        assertTrue(cli.out.contains("[x] failed"), cli.out);
        assertTrue(cli.err.contains("[x] node3 (steve@127.0.0.1:"), cli.err);
        String all = cli.output();
        assertEquals("", IntStream.range(0, all.length()).filter(i -> all.charAt(i) > 127)
                .mapToObj(i -> String.valueOf(all.charAt(i))).distinct().reduce("", String::concat), all);
    }
}
