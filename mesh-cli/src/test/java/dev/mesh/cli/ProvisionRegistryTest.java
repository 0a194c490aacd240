package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.core.testing.FakeHeadscaleApi;
import dev.mesh.os.linux.SimulatedDebianHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §1: Headscale's node list is a hint, never the verdict. REGISTRY_CHECK leaves a host alone
 * only when the host itself says it is Running on this login server with an address Headscale lists
 * for a node that has not expired; otherwise the host is provisioned, and mesh says why each node it
 * might have been taken for did not count. NODE_CONFIRMING then finds the joined host by address.
 */
class ProvisionRegistryTest extends SimulatedDebianCliTest {
    /** The node list of the issue: a reinstalled machine's old entry, offline, with the host's name. */
    static final String OLD_ENTRY = "{\"id\":4,\"name\":\"web1\",\"given_name\":\"web1-old\",\"ip_addresses\":[\"100.64.0.4\"],"
            + "\"user\":{\"id\":1,\"name\":\"mesh\"},\"last_seen\":{\"seconds\":1735689600}}";

    @BeforeEach
    void aliasTheHost() throws Exception {
        // "web1" is an ssh config alias for the simulated host: a HOST given by name
        Path sshConfig = dir.resolve("ssh_config");
        Files.writeString(sshConfig, "Host web1\n  HostName 127.0.0.1\n  Port " + debian.host.port() + "\n");
        cli.env.put("MESH_SSH_CONFIG", sshConfig.toString());
    }

    private int provision(String host, String... extra) {
        return provision(host, debian.host.port(), extra);
    }

    private long ups() {
        return debian.host.commands().stream().filter(c -> c.startsWith("sudo -n /usr/bin/tailscale up ")).count();
    }

    private long keysMinted() throws Exception {
        return cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count();
    }

    /** The host as Tailscale has it after joining this login server earlier. */
    private void alreadyJoined() {
        debian.joinedTo(SERVER);
    }

    @Test
    void aHostGivenByIpIsConfirmedInHeadscaleAfterJoining() {
        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("Headscale lists no node for this host (host name web1)"), cli.out);
        assertTrue(cli.out.contains("Headscale lists the node: web1, " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
    }

    @Test
    void aHostGivenByNameIsConfirmedInHeadscaleAfterJoining() {
        assertEquals(0, provision("steve@web1"), cli.output());
        assertTrue(cli.out.contains("Headscale lists the node: web1, " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
    }

    @Test
    void aReinstalledMachinesOldEntryWithTheSameNameDoesNotMakeAFreshHostJoined() throws Exception {
        // the input, answered verbatim by `headscale nodes list -o json`
        Path nodes = dir.resolve("nodes.json");
        Files.writeString(nodes, "[" + OLD_ENTRY + "]");
        Path wrapper = dir.resolve("headscale-verbatim");
        Files.writeString(wrapper, "#!/bin/sh\ncase \"$1 $2\" in \"nodes list\") cat '" + nodes + "' ;;"
                + " *) exec '" + cli.headscaleWrapper() + "' \"$@\" ;; esac\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        cli.env.put("MESH_HEADSCALE_COMMAND", wrapper.toString());
        debian.onJoin = ip -> writeNodes(nodes, "[" + OLD_ENTRY + ",{\"id\":5,\"name\":\"web1\",\"given_name\":\"web1\","
                + "\"ip_addresses\":[\"" + ip + "\"],\"online\":true}]");

        assertEquals(0, provision("steve@web1"), cli.output());

        assertTrue(cli.out.contains("Headscale's node web1-old (web1), 100.64.0.4, offline, last seen 2025-01-01 00:00 UTC"
                + " carries this host's name (web1), but this host itself is not on this login server (Tailscale not"
                + " installed): a name is not an identity"), cli.out);
        assertTrue(cli.out.contains("Provisioning the host: it is not on the mesh"), cli.out);
        assertTrue(debian.tailscaleInstalled, "installed");
        assertEquals(1, ups());
        assertTrue(cli.out.contains("Headscale lists the node: web1, " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
        assertTrue(cli.out.contains("is on the mesh: " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
        assertFalse(cli.out.contains("already"), cli.out);
    }

    @Test
    void aJoinedHostThatHeadscaleListsByItsAddressIsLeftAsItIs() throws Exception {
        alreadyJoined();
        cli.registerNode("3", "web1", SimulatedDebianHost.TAILSCALE_IP);
        assertEquals(0, provision("steve@127.0.0.1", "--skip-syncthing"), cli.output());
        assertTrue(cli.out.contains("On the mesh: Running on " + SERVER + " as " + SimulatedDebianHost.TAILSCALE_IP
                + ", " + SimulatedDebianHost.TAILSCALE_IP6 + ", and Headscale lists it as web1, online; Tailscale left as it is"),
                cli.out);
        assertTrue(cli.out.contains("already on the mesh (" + SimulatedDebianHost.TAILSCALE_IP + "); nothing changed"), cli.out);
        assertEquals(0, ups());
        assertEquals(0, keysMinted(), "no key for a host that is on the mesh");
    }

    @Test
    void aJoinedHostWhoseNameHeadscaleListsForAnotherMachineIsJoinedAgain() throws Exception {
        alreadyJoined();
        cli.registerNode("5", "web1", "100.64.0.99"); // same name, other addresses: another machine
        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("Headscale's node web1, 100.64.0.99, online carries this host's name (web1), but not"
                + " this host's Tailscale addresses (" + SimulatedDebianHost.TAILSCALE_IP + ", "
                + SimulatedDebianHost.TAILSCALE_IP6 + "): another machine, or this one's old entry"), cli.out);
        assertTrue(cli.out.contains("Headscale lists no node with this host's addresses"), cli.out);
        assertTrue(cli.out.contains("Provisioning the host again: Headscale does not back its login"), cli.out);
        assertEquals(1, ups());
        assertTrue(cli.out.contains("Headscale lists the node: web1, " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
    }

    @Test
    void aJoinedHostWhoseNodeExpiredLogsInAgain() throws Exception {
        alreadyJoined();
        Files.writeString(cli.headscaleNodes, "3 web1 web1 " + SimulatedDebianHost.TAILSCALE_IP + " false 1735689600\n");
        debian.onJoin = ip -> {
            try {
                Files.writeString(cli.headscaleNodes, "3 web1 web1 " + ip + " true 4102444800\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("has this host's address, but its node key expired 2025-01-01 00:00 UTC: the host"
                + " must log in again"), cli.out);
        assertEquals(1, ups());
        assertEquals(1, keysMinted());
    }

    @Test
    void forceJoinsAHostThatIsOnTheMeshAgain() throws Exception {
        alreadyJoined();
        cli.registerNode("3", "web1", SimulatedDebianHost.TAILSCALE_IP);
        assertEquals(0, provision("steve@web1", "--force"), cli.output());
        assertTrue(cli.out.contains("--force: joining the host again"), cli.out);
        assertEquals(1, ups(), "joined again despite being on the mesh");
        assertEquals(1, keysMinted());
    }

    @Test
    void whenTheHostCannotSayItsNameAGivenNameIsUsedButAnIpNeverBecomesOne() {
        debian.host.onExact("hostname", 127, "", "sh: 1: hostname: not found\n");
        cli.registerNode("6", "127", "100.64.0.98"); // what the seed's IP-to-name bug would have matched

        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("Headscale lists no node for this host (address 127.0.0.1)"), cli.out);

        debian.node.backendState = "NeedsLogin";
        cli.registerNode("5", "web1", "100.64.0.99");
        assertEquals(0, provision("steve@web1"), cli.output());
        assertTrue(cli.out.contains("Headscale's node web1, 100.64.0.99, online carries this host's name (web1)"), cli.out);
    }

    @Test
    void aJoinedHostThatHeadscaleNeverListsFailsAtNodeConfirming() {
        debian.onJoin = ip -> { };
        cli.env.put("MESH_HEADSCALE_CONFIRM_TIMEOUT", "2s");
        cli.env.put("MESH_HEADSCALE_CONFIRM_INTERVAL", "500ms");
        assertEquals(ExitCodes.FAILURE, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.err.contains(FailureReason.NODE_NOT_CONFIRMED.message() + " (at NODE_CONFIRMING)"), cli.err);
        assertTrue(cli.err.contains(SimulatedDebianHost.TAILSCALE_IP) && cli.err.contains("mesh.server-url"), cli.err);
    }

    @Test
    void theRestSourceServesBothChecks() {
        String apiKey = "apikey-for-provisioning-0123456789";
        try (FakeHeadscaleApi api = new FakeHeadscaleApi("0.28.0", apiKey)) {
            debian.onJoin = ip -> api.addNode(new FakeHeadscaleApi.Node("3", "web1", "web1", List.of(ip), true));
            cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
            cli.env.put("MESH_HEADSCALE_URL", api.url().toString());
            cli.env.put("MESH_HEADSCALE_API_KEY", apiKey);
            assertEquals(0, provision("steve@127.0.0.1"), cli.output());
            assertTrue(cli.out.contains("Headscale lists the node: web1, " + SimulatedDebianHost.TAILSCALE_IP + ", online"),
                    cli.out);
            assertEquals(FakeHeadscaleApi.HSKEY, debian.keyReadByUp);

            assertEquals(0, provision("steve@web1"), cli.output());
            assertTrue(cli.out.contains("already on the mesh (" + SimulatedDebianHost.TAILSCALE_IP + "); nothing changed"),
                    cli.out);
        }
    }

    private static void writeNodes(Path file, String json) {
        try {
            Files.writeString(file, json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
