package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.core.testing.FakeHeadscaleApi;
import dev.mesh.os.linux.SimulatedDebianHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * REGISTRY_CHECK (skip a host Headscale already lists, unless --force) and NODE_CONFIRMING (Headscale
 * lists the joined host's Tailscale IP), for a host given by IP and one given by name.
 */
class ProvisionRegistryTest extends SimulatedDebianCliTest {

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

    private boolean joined() {
        return debian.host.commands().stream().anyMatch(c -> c.startsWith("sudo -n /usr/bin/tailscale up "));
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
    void aHostGivenByIpThatHeadscaleListsByItsHostNameIsSkipped() {
        cli.registerNode("5", "web1", "100.64.0.99");
        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("already lists this host (host name web1) as web1, 100.64.0.99"), cli.out);
        assertTrue(cli.out.contains("already on the mesh (100.64.0.99); nothing changed"), cli.out);
        assertFalse(joined());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("sudo")), "nothing privileged ran");
    }

    @Test
    void aHostGivenByNameThatHeadscaleListsIsSkippedUnlessForced() {
        cli.registerNode("5", "web1", "100.64.0.99");
        assertEquals(0, provision("steve@web1"), cli.output());
        assertFalse(joined());

        assertEquals(0, provision("steve@web1", "--force"), cli.output());
        assertTrue(cli.out.contains("--force"), cli.out);
        assertTrue(joined(), "provisioned despite the listing");
    }

    @Test
    void whenTheHostCannotSayItsNameAGivenNameIsUsedButAnIpNeverBecomesOne() {
        debian.host.onExact("hostname", 127, "", "sh: 1: hostname: not found\n");
        cli.registerNode("5", "web1", "100.64.0.99");
        cli.registerNode("6", "127", "100.64.0.98"); // what the seed's IP-to-name bug would have matched

        assertEquals(0, provision("steve@127.0.0.1"), cli.output());
        assertTrue(cli.out.contains("Headscale lists no node for this host (address 127.0.0.1)"), cli.out);
        assertTrue(joined(), "an IP host is not matched by a name made from its address");

        assertEquals(0, provision("steve@web1"), cli.output());
        assertTrue(cli.out.contains("already lists this host (host name web1)"), cli.out);
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
}
