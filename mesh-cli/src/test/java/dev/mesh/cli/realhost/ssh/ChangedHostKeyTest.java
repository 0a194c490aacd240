package dev.mesh.cli.realhost.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.RequiresDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §1: known_hosts (as OpenSSH writes it) holds only the host's ed25519 key; the server now
 * offers only a new ECDSA key. OpenSSH with {@code StrictHostKeyChecking=accept-new} refuses, so
 * must mesh: for a plain {@code [host]:port} entry, a hashed one, a bare host on port 22, and a
 * ProxyJump hop or target. Each case runs mesh and OpenSSH's {@code ssh} against the same server
 * with the same known_hosts file and checks that both refuse, nobody logs in, and the file is
 * unchanged.
 */
@RequiresDocker(images = SshdHost.BASE)
class ChangedHostKeyTest extends SshHostTest {
    private static Path key;
    private static String originalEd25519;

    @BeforeAll
    static void startHost() {
        host = SshdHost.start().startAltSshd();
        key = key("id_ed25519", "ed25519", "", true);
        originalEd25519 = host.publicKey("/etc/ssh/ssh_host_ed25519_key.pub");
    }

    @BeforeEach
    void writeConfig() throws IOException {
        Files.write(sshConfig, List.of(
                "Host behind-good-jump",
                "  HostName 127.0.0.1",
                "  Port 22",
                "  User " + SshdHost.USER,
                "  ProxyJump " + SshdHost.USER + "@127.0.0.1:" + host.altPort(),
                "Host behind-changed-jump",
                "  HostName 127.0.0.1",
                "  Port " + SshdHost.ALT_PORT,
                "  User " + SshdHost.USER,
                "  ProxyJump " + SshdHost.USER + "@127.0.0.1:" + host.port(),
                "Host *",
                "  IdentityFile " + key,
                "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + mesh.knownHosts,
                "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking accept-new",
                "  BatchMode yes"));
    }

    private void knownHosts(String... lines) throws IOException {
        Files.write(mesh.knownHosts, List.of(lines));
    }

    /**
     * mesh and ssh both refuse {@code destination}; nobody logs in to the changed sshd; known_hosts
     * is unchanged. {@code args} are given to both, after the destination for mesh, before it for ssh.
     */
    private void bothRefuse(String destination, String expectedPattern, String... args) throws IOException {
        String before = Files.readString(mesh.knownHosts);
        int logins = host.acceptedLogins();

        MeshRun.Result m = mesh.detect(destination, args);
        assertEquals(1, m.exit(), m.output());
        assertTrue(m.err().contains("Host key for " + expectedPattern + " has CHANGED"), m.err());
        assertTrue(m.err().contains(mesh.knownHosts + ":1 (ssh-ed25519)"), m.err());
        assertTrue(m.err().contains("ssh-keygen -R " + quoted(expectedPattern) + " -f " + mesh.knownHosts), m.err());
        assertEquals(before, Files.readString(mesh.knownHosts), "mesh changed known_hosts");

        Tool.Result s = Tool.ssh(dir, sshConfig, Map.of(), destination, args);
        assertEquals(255, s.exit(), s.output());
        assertTrue(s.err().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), s.err());
        assertEquals(before, Files.readString(mesh.knownHosts), "ssh changed known_hosts");
        assertEquals(logins, host.acceptedLogins(), "someone logged in to the changed host");
    }

    private static String quoted(String pattern) {
        return pattern.startsWith("[") ? "'" + pattern + "'" : pattern;
    }

    @Test
    void aPortEntryOfAnotherKeyTypeMeansChanged() throws IOException {
        String pattern = "[127.0.0.1]:" + host.port();
        knownHosts(pattern + " " + originalEd25519);
        bothRefuse(SshdHost.USER + "@127.0.0.1", pattern,
                "-p", String.valueOf(host.port()), "-i", key.toString());
    }

    @Test
    void aHashedEntryMeansChangedToo() throws IOException {
        String pattern = "[127.0.0.1]:" + host.port();
        knownHosts(pattern + " " + originalEd25519);
        Tool.ok(dir, "ssh-keygen", "-H", "-f", mesh.knownHosts.toString()); // OpenSSH's own hashing
        Files.deleteIfExists(Path.of(mesh.knownHosts + ".old"));
        assertTrue(Files.readString(mesh.knownHosts).startsWith("|1|"));
        bothRefuse(SshdHost.USER + "@127.0.0.1", pattern,
                "-p", String.valueOf(host.port()), "-i", key.toString());
    }

    @Test
    void aBareHostEntryOnPort22MeansChanged() throws IOException {
        knownHosts(host.ip() + " " + originalEd25519);
        bothRefuse(SshdHost.USER + "@" + host.ip(), host.ip(), "-i", key.toString());
    }

    @Test
    void aChangedTargetBehindAGoodJumpHostIsRefused() throws IOException {
        knownHosts("127.0.0.1 " + originalEd25519, "[127.0.0.1]:" + host.altPort() + " " + originalEd25519);
        mesh.env.put("MESH_SSH_CONFIG", sshConfig.toString());
        bothRefuse("behind-good-jump", "127.0.0.1");
    }

    @Test
    void aChangedJumpHostIsRefusedBeforeTheTarget() throws IOException {
        knownHosts("[127.0.0.1]:" + host.port() + " " + originalEd25519);
        mesh.env.put("MESH_SSH_CONFIG", sshConfig.toString());
        bothRefuse("behind-changed-jump", "[127.0.0.1]:" + host.port());
    }

    /** The control: the same key checks let a known host in and record a new one, as ssh does. */
    @Test
    void aKnownHostIsAcceptedAndANewHostRecorded() throws IOException {
        knownHosts("[127.0.0.1]:" + host.altPort() + " " + originalEd25519);
        MeshRun.Result known = mesh.detect(SshdHost.USER + "@127.0.0.1", "-p", String.valueOf(host.altPort()),
                "-i", key.toString());
        assertEquals(0, known.exit(), known.output());

        String pattern = "[127.0.0.1]:" + host.port();
        MeshRun.Result fresh = mesh.detect(SshdHost.USER + "@127.0.0.1", "-p", String.valueOf(host.port()),
                "-i", key.toString());
        assertEquals(0, fresh.exit(), fresh.output());
        List<String> lines = Files.readAllLines(mesh.knownHosts);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(pattern + " " + host.publicKey("/etc/ssh/new_ecdsa_key.pub"), lines.get(1));
        Tool.Result s = Tool.ssh(dir, sshConfig, Map.of(), SshdHost.USER + "@127.0.0.1", "-p", String.valueOf(host.port()),
                "-o", "StrictHostKeyChecking=yes");
        assertEquals(0, s.exit(), "ssh accepts what mesh recorded: " + s.output());
        assertFalse(s.err().contains("WARNING"), s.err());
    }
}
