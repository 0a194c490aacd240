package dev.mesh.cli.realhost.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.RequiresDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: the ssh config and the precedence of every setting, each case run with mesh and with
 * OpenSSH ({@code ssh -G} for the resolved values, {@code ssh} for the login) against the same
 * server and the same config file: Include chains and an Include loop, UserKnownHostsFile,
 * StrictHostKeyChecking yes, {@code ssh://} hosts, and the rows of README's precedence table.
 */
@RequiresDocker(images = SshdHost.BASE)
class SshConfigComparisonTest extends SshHostTest {
    private static Path ed25519;
    private static Path rsa;
    private Path config;

    @BeforeAll
    static void start() {
        host = SshdHost.start().startAltSshd();
        ed25519 = key("id_ed25519", "ed25519", "", true);
        rsa = key("id_rsa", "rsa", "", true);
    }

    @BeforeEach
    void useConfig() {
        config = sshConfig;
        mesh.env.put("MESH_SSH_CONFIG", config.toString());
    }

    private int port() {
        return host.port();
    }

    /** {@code lines}, then the test's known_hosts and accept-new for every host. */
    private void config(String... lines) throws IOException {
        List<String> all = new ArrayList<>(List.of(lines));
        all.addAll(List.of("Host *", "  UserKnownHostsFile " + mesh.knownHosts, "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking accept-new"));
        Files.write(config, all);
    }

    /** {@code ssh -G}'s answer for the given keys, e.g. user, port, hostname, identityfile (all values). */
    private Map<String, List<String>> sshG(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-G", "-F", config.toString()));
        cmd.addAll(List.of(args));
        Map<String, List<String>> values = new LinkedHashMap<>();
        Tool.ok(dir, cmd.toArray(String[]::new)).lines().forEach(l -> {
            String[] kv = l.split(" ", 2);
            values.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv.length > 1 ? kv[1] : "");
        });
        return values;
    }

    @Test
    void anAliasFromAnIncludeChainIsResolvedLikeSsh() throws IOException {
        Path hosts = Files.createDirectories(dir.resolve("hosts"));
        Path confd = Files.createDirectories(dir.resolve("conf.d"));
        Files.write(hosts.resolve("web.conf"), List.of("Host web", "  HostName 127.0.0.1", "  Port " + port(),
                "  User " + SshdHost.USER, "  IdentityFile " + ed25519));
        Files.write(confd.resolve("10-hosts.conf"), List.of("Include " + hosts + "/*.conf"));
        config("Include " + confd + "/*.conf");

        Map<String, List<String>> g = sshG("web");
        assertEquals(List.of("127.0.0.1"), g.get("hostname"));
        assertEquals(List.of(String.valueOf(port())), g.get("port"));
        assertEquals(List.of(SshdHost.USER), g.get("user"));
        MeshRun.Result m = mesh.detect("web");
        assertEquals(0, m.exit(), m.output());
        assertTrue(m.out().contains("host:            steve@web:" + port()), m.out());
        assertEquals(0, Tool.ssh(dir, config, Map.of(), "web").exit(), "ssh logs in the same way");
    }

    @Test
    void anIncludeLoopIsAClearErrorBeforeAnyConnection() throws IOException {
        Path a = dir.resolve("a.conf");
        Files.write(a, List.of("Include " + config));
        config("Include " + a, "Host web", "  HostName 127.0.0.1");
        int logins = host.acceptedLogins();

        MeshRun.Result m = mesh.detect("web", "-p", String.valueOf(port()), "-i", ed25519.toString());
        assertEquals(2, m.exit(), m.output());
        assertTrue(m.err().contains("ssh config Include loop: " + config + " → " + a + " → " + config), m.err());
        Tool.Result s = Tool.ssh(dir, config, Map.of(), "web");
        assertEquals(255, s.exit());
        assertTrue(s.err().contains("Too many recursive configuration includes"), "ssh fails too: " + s.err());
        assertEquals(logins, host.acceptedLogins());
    }

    @Test
    void userKnownHostsFileFromTheConfigIsWhereTheKeyIsRecorded() throws IOException {
        Path fromConfig = dir.resolve("kh-from-config");
        Files.write(config, List.of("Host web", "  HostName 127.0.0.1", "  Port " + port(), "  User steve",
                "  UserKnownHostsFile " + fromConfig, "  GlobalKnownHostsFile /dev/null"));
        assertEquals(List.of(fromConfig.toString()), sshG("web").get("userknownhostsfile"));

        MeshRun.Result m = mesh.detect("web", "-i", ed25519.toString());
        assertEquals(0, m.exit(), m.output());
        assertTrue(Files.readString(fromConfig).startsWith("[127.0.0.1]:" + port() + " ecdsa-sha2-nistp256 "));
        assertFalse(Files.exists(mesh.knownHosts), "MESH_SSH_KNOWN_HOSTS is below the ssh config");
        Tool.Result s = Tool.ssh(dir, config, Map.of(), "web", "-i", ed25519.toString(),
                "-o", "StrictHostKeyChecking=yes");
        assertEquals(0, s.exit(), "ssh accepts the key mesh recorded: " + s.output());
    }

    @Test
    void strictHostKeyCheckingYesRefusesAnUnknownHostLikeSsh() throws IOException {
        Files.write(config, List.of("Host web", "  HostName 127.0.0.1", "  Port " + port(), "  User steve",
                "  StrictHostKeyChecking yes", "  UserKnownHostsFile " + mesh.knownHosts,
                "  GlobalKnownHostsFile /dev/null"));
        int logins = host.acceptedLogins();

        MeshRun.Result m = mesh.detect("web", "-i", ed25519.toString());
        assertEquals(1, m.exit(), m.output());
        assertTrue(m.err().contains("No host key is known for [127.0.0.1]:" + port()), m.err());
        assertTrue(m.err().contains("Hint: Check the host key's fingerprint"), m.err());
        assertFalse(Files.exists(mesh.knownHosts), "nothing recorded");
        Tool.Result s = Tool.ssh(dir, config, Map.of(), "web", "-i", ed25519.toString());
        assertEquals(255, s.exit());
        assertTrue(s.err().contains("Host key verification failed"), s.err());
        assertEquals(logins, host.acceptedLogins());
    }

    @Test
    void strictHostKeyCheckingNoIsRefusedAsUnsafe() throws IOException {
        Files.write(config, List.of("Host web", "  HostName 127.0.0.1", "  StrictHostKeyChecking no"));
        MeshRun.Result m = mesh.detect("web", "-p", String.valueOf(port()), "-i", ed25519.toString());
        assertEquals(2, m.exit(), m.output());
        assertTrue(m.err().contains("would accept any host key"), m.err());
        assertFalse(Files.exists(mesh.knownHosts));
    }

    @Test
    void sshUriHostsWorkAsWithSsh() throws IOException {
        config();
        String uri = "ssh://" + SshdHost.USER + "@127.0.0.1:" + port();
        MeshRun.Result m = mesh.detect(uri, "-i", ed25519.toString());
        assertEquals(0, m.exit(), m.output());
        Map<String, List<String>> g = sshG(uri);
        assertEquals(List.of(SshdHost.USER), g.get("user"));
        assertEquals(List.of(String.valueOf(port())), g.get("port"));
        assertEquals(0, Tool.ssh(dir, config, Map.of(), uri, "-i", ed25519.toString()).exit());
        MeshRun.Result pWins = mesh.detect("ssh://" + SshdHost.USER + "@127.0.0.1:1", "-p", String.valueOf(port()),
                "-i", ed25519.toString());
        assertEquals(0, pWins.exit(), "-p wins over the URI's port, as in ssh: " + pWins.output());
    }

    /**
     * {@code ProxyJump a,b}: ssh reaches a first, then b from a (MINA on its own would do it the
     * other way round). Here a is the second sshd, published on the test machine; b is the main sshd
     * at 127.0.0.1:22 as seen from inside the host, which the test machine cannot reach directly.
     */
    @Test
    void twoProxyJumpHopsAreVisitedInOrder() throws IOException {
        config("Host inner", "  HostName 127.0.0.1", "  Port " + SshdHost.ALT_PORT, "  User " + SshdHost.USER,
                "  ProxyJump " + SshdHost.USER + "@127.0.0.1:" + host.altPort() + "," + SshdHost.USER + "@127.0.0.1:22",
                "  IdentityFile " + ed25519,
                "Host 127.0.0.1", "  IdentityFile " + ed25519); // the hops' own key: ssh gives them nothing else
        MeshRun.Result m = mesh.detect("inner");
        assertEquals(0, m.exit(), m.output());
        List<String> known = Files.readAllLines(mesh.knownHosts);
        assertEquals(3, known.size(), "both hops and the target were checked: " + known);
        assertTrue(known.get(0).startsWith("[127.0.0.1]:" + host.altPort() + " "), known.toString());
        assertTrue(known.get(1).startsWith("127.0.0.1 ecdsa-sha2-nistp256 "), known.toString());
        assertTrue(known.get(2).startsWith("[127.0.0.1]:" + SshdHost.ALT_PORT + " "), known.toString());
        Tool.Result s = Tool.ssh(dir, config, Map.of(), "inner", "-o", "StrictHostKeyChecking=yes");
        assertEquals(0, s.exit(), "ssh takes the same path and knows every key mesh recorded: " + s.output());
    }

    /** README's precedence table, row by row: command line > ssh config > mesh.ssh.* > defaults. */
    @Test
    void precedenceOfUserPortAndIdentityMatchesSsh() throws IOException {
        config("Host wrong", "  HostName 127.0.0.1", "  User nobody", "  Port 1",
                "Host right", "  HostName 127.0.0.1", "  User " + SshdHost.USER, "  Port " + port(),
                "  IdentityFile " + ed25519);

        // command line over ssh config: USER@ and -p beat the config's User nobody and Port 1
        Map<String, List<String>> g = sshG("-p", String.valueOf(port()), SshdHost.USER + "@wrong");
        assertEquals(List.of(SshdHost.USER), g.get("user"));
        assertEquals(List.of(String.valueOf(port())), g.get("port"));
        MeshRun.Result cli = mesh.detect(SshdHost.USER + "@wrong", "-p", String.valueOf(port()), "-i", ed25519.toString());
        assertEquals(0, cli.exit(), cli.output());

        // ssh config over mesh.ssh.*: MESH_SSH_USER and MESH_SSH_PORT lose against User and Port
        mesh.env.put("MESH_SSH_USER", "nobody");
        mesh.env.put("MESH_SSH_PORT", "1");
        g = sshG("right");
        assertEquals(List.of(SshdHost.USER), g.get("user"));
        MeshRun.Result config = mesh.detect("right");
        assertEquals(0, config.exit(), "the config's User steve wins over MESH_SSH_USER: " + config.output());

        // mesh.ssh.* over the defaults (root, 22) where the config says nothing
        mesh.env.put("MESH_SSH_USER", SshdHost.USER);
        mesh.env.put("MESH_SSH_PORT", String.valueOf(port()));
        MeshRun.Result meshLevel = mesh.detect("127.0.0.1", "-i", ed25519.toString());
        assertEquals(0, meshLevel.exit(), meshLevel.output());

        // identities: -i before the config's IdentityFile, for mesh as for ssh
        assertEquals(List.of(rsa.toString(), ed25519.toString()),
                sshG("-i", rsa.toString(), "right").get("identityfile"));
        assertEquals(0, mesh.detect("right", "-i", rsa.toString()).exit());
        assertTrue(lastAccepted().contains(fingerprint(rsa)), "mesh: " + lastAccepted());
        assertEquals(0, Tool.ssh(dir, dir.resolve("ssh_config"), Map.of(), "right", "-i", rsa.toString()).exit());
        assertTrue(lastAccepted().contains(fingerprint(rsa)), "ssh: " + lastAccepted());
    }
}
