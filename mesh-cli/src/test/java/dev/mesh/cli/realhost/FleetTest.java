package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

/**
 * Issue 9 on real Debian hosts: ten hosts in one run, one of them with sudo asking for a password,
 * plus an address that never answers; then a re-run of the nine by tag. One container per host
 * (sshd only), started once for the class; Syncthing is skipped to keep the run short (its install
 * is covered by FreshHostTest).
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class FleetTest {
    private static final List<LinuxHost> HOSTS = new ArrayList<>();
    private static Network silentNetwork;
    private static String silent;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHosts() {
        for (int i = 0; i < 9; i++) {
            HOSTS.add(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0));
        }
        HOSTS.add(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.PASSWORD), 0));
        silentNetwork = Network.newNetwork();
        String subnet = org.testcontainers.DockerClientFactory.instance().client().inspectNetworkCmd()
                .withNetworkId(silentNetwork.getId()).exec().getIpam().getConfig().get(0).getSubnet();
        silent = subnet.substring(0, subnet.lastIndexOf('.')) + ".200"; // nobody answers ARP: SYNs are dropped
    }

    @AfterAll
    static void stopHosts() {
        HOSTS.forEach(LinuxHost::close);
        silentNetwork.close();
    }

    /** hosts.conf: host1…host9 (tag ok), host10 (sudo asks a password, tag pw), silent (tag gone). */
    private Path inventory() throws Exception {
        StringBuilder conf = new StringBuilder("defaults { user = steve, identity = \"" + ClientKey.shared().privateKey()
                + "\" }\nhosts {\n");
        for (int i = 0; i < HOSTS.size(); i++) {
            conf.append("  host").append(i + 1).append(" { address = \"127.0.0.1\", port = ").append(HOSTS.get(i).port())
                    .append(", tags = [").append(i < 9 ? "ok" : "pw").append("] }\n");
        }
        conf.append("  silent { address = \"").append(silent).append("\", tags = [gone] }\n}\n");
        Path file = dir.resolve("hosts.conf");
        Files.writeString(file, conf.toString());
        return file;
    }

    @Test
    void tenHostsInOneRunTheSudoPasswordHostAndTheSilentAddressFailAloneAndARerunChangesNothing() throws Exception {
        Path inventory = inventory();
        MeshCli mesh = new MeshCli(dir);
        mesh.env.put("MESH_SSH_CONNECT_TIMEOUT", "3s");
        List<String> run = List.of("--config", mesh.config.toString(), "--inventory", inventory.toString(), "remote",
                "provision", "--all", "-s", MeshCli.SERVER, "--skip-syncthing", "--output", "json");

        MeshCli.Run first = mesh.run(run);

        assertEquals(1, first.exitCode(), first.output());
        dev.mesh.cli.JsonSchemas.assertValid(first.out(), "host-results");
        JsonNode doc = new ObjectMapper().readTree(first.out());
        assertEquals(9, doc.at("/counts/success").asInt(), first.err());
        assertEquals(2, doc.at("/counts/failed").asInt(), first.err());
        long slowest = 0;
        for (JsonNode h : doc.get("hosts")) {
            String name = h.get("name").asText();
            if (name.equals("host10")) {
                assertEquals("PREFLIGHT", h.at("/failure/step").asText());
                assertEquals("SUDO_PASSWORD_REQUIRED", h.at("/failure/reason").asText());
                assertTrue(h.at("/failure/hint").asText().contains("mesh --inventory " + inventory + " remote prepare host10"),
                        h.toString());
            } else if (name.equals("silent")) {
                assertEquals("SSH_TESTING", h.at("/failure/step").asText());
                long ms = h.get("duration-ms").asLong();
                assertTrue(ms >= 2900 && ms < 4500, "the silent address cost its connect timeout (3s): " + ms + " ms");
            } else {
                assertEquals("success", h.get("outcome").asText(), h.toString());
                assertEquals(TailscaleDouble.IP, h.at("/tailscale-ips/0").asText());
                assertTrue(h.get("changed").asBoolean());
                slowest = Math.max(slowest, h.get("duration-ms").asLong());
            }
        }
        // one process, one connection per host; the others did not wait for the silent one
        for (int i = 0; i < 9; i++) {
            assertEquals(1, HOSTS.get(i).acceptedLogins(), "host" + (i + 1) + ": SSH logins");
            assertEquals(1, TailscaleDouble.upCount(HOSTS.get(i)));
        }
        assertFalse(HOSTS.get(9).succeeds("test -e /usr/bin/tailscale"), "nothing installed on the sudo-password host");
        assertTrue(first.elapsed().toMillis() < slowest + 4000, "the run took " + first.elapsed().toMillis()
                + " ms, its slowest host " + slowest + " ms");
        assertTrue(first.err().contains("host10 ") && first.err().contains("sudo requires password"), first.err());
        assertTrue(first.err().contains("[x] host10") || first.err().contains("✗ host10"), first.err());
        assertEquals(1, mesh.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count(),
                "one reusable key for the run");
        assertFalse(first.output().contains(MeshCli.KEY), "key in output");
        Measured.report("fleet: 10 hosts + a silent address in %s ms (slowest host %s ms):%n%s", first.elapsed().toMillis(),
                slowest, first.err());

        MeshCli.Run again = mesh.run(List.of("--config", mesh.config.toString(), "--inventory", inventory.toString(),
                "remote", "provision", "--tag", "ok", "-s", MeshCli.SERVER, "--skip-syncthing"));

        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.out().contains("9 succeeded (0 changed, 9 unchanged), 0 failed"), again.out());
        for (int i = 0; i < 9; i++) {
            assertEquals(1, TailscaleDouble.upCount(HOSTS.get(i)), "no second tailscale up on host" + (i + 1));
        }
        assertEquals(1, mesh.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count(),
                "no key minted for the re-run");
        Measured.report("fleet re-run of 9 joined hosts: %s ms", again.elapsed().toMillis());
    }
}
