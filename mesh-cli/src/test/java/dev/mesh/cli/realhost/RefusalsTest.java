package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

/** Hosts mesh must refuse or cannot reach: each fails fast, with a message that says why, and changes nothing. */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class RefusalsTest {
    @TempDir
    Path dir;

    @Test
    void sudoThatAsksForAPasswordStopsAtTheSudoCheckWithThePrepareHint() {
        try (LinuxHost host = LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.PASSWORD), 0)) {
            MeshCli.Run run = new MeshCli(dir).trust(host).provision(host);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("mesh remote prepare"), run.err());
            assertTrue(run.err().contains("a password is required"), "sudo's own answer: " + run.err());
            assertFalse(host.succeeds("test -e /usr/bin/tailscale"), "tailscale installed anyway");
            assertFalse(host.succeeds("dpkg -s syncthing"), "syncthing installed anyway");
            assertEquals("", host.root("ls -A /tmp"), "files left in /tmp");
            Measured.report("sudo with a password: exit %s after %s ms:%n%s", run.exitCode(), run.elapsed().toMillis(), run.err());
        }
    }

    @Test
    void aChangedHostKeyAtTheSameAddressIsRefusedNamingTheKnownHostsLine() throws IOException {
        int port = freePort();
        HostImage image = HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD);
        MeshCli mesh = new MeshCli(dir);
        String firstKeys;
        try (LinuxHost original = LinuxHost.start(image, port)) {
            MeshCli.Run detect = mesh.detect(original.target(), port);
            assertEquals(0, detect.exitCode(), detect.output());
            firstKeys = String.join("\n", original.knownHostsLines());
        }
        // accept-new recorded exactly one of the original host's real keys
        List<String> recorded = Files.readAllLines(mesh.knownHosts);
        assertEquals(1, recorded.size(), recorded.toString());
        assertTrue(firstKeys.lines().anyMatch(recorded.get(0)::equals), recorded.get(0) + " not in\n" + firstKeys);

        try (LinuxHost reinstalled = LinuxHost.start(image.withNewHostKeys(), port)) {
            MeshCli.Run run = mesh.provision(reinstalled);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("CHANGED") && run.err().contains(mesh.knownHosts + ":1"), run.err());
            assertEquals(0, reinstalled.acceptedLogins(), "logged in to a host with a changed key");
            assertEquals(recorded, Files.readAllLines(mesh.knownHosts), "known_hosts rewritten");
            Measured.report("changed host key: exit %s:%n%s", run.exitCode(), run.err());
        }
    }

    @Test
    void aClosedPortFailsAtOnce() throws IOException {
        int port = freePort();
        MeshCli.Run run = new MeshCli(dir).provision("steve@127.0.0.1", port);

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.err().contains("Connection refused"), run.err());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(2)) <= 0, "took " + run.elapsed());
        Measured.report("closed port: failed after %s ms:%n%s", run.elapsed().toMillis(), run.err());
    }

    /**
     * An address on the test's own network that nobody answers (no ARP reply, so the SYN is never
     * answered): mesh gives up at its connect timeout, before the kernel's own ~3 s "no route".
     */
    @Test
    void anAddressThatDropsPacketsFailsAtTheConnectTimeout() {
        try (Network network = Network.newNetwork()) {
            String subnet = org.testcontainers.DockerClientFactory.instance().client().inspectNetworkCmd()
                    .withNetworkId(network.getId()).exec().getIpam().getConfig().get(0).getSubnet();
            String silent = subnet.substring(0, subnet.lastIndexOf('.')) + ".200";
            MeshCli mesh = new MeshCli(dir);
            mesh.env.put("MESH_SSH_CONNECT_TIMEOUT", "2s");

            MeshCli.Run run = mesh.provision("steve@" + silent, 22);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("Timed out after 2s"), run.err());
            long ms = run.elapsed().toMillis();
            assertTrue(ms >= 1900 && ms < 2900, "failed after " + ms + " ms, expected about 2000");
            Measured.report("silent address %s: failed after %s ms:%n%s", silent, ms, run.err());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
