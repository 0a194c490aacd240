package dev.mesh.cli.realhost.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.RequiresDocker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 on a real OpenSSH server with a real ssh-agent: a key only the agent holds (ed25519 and
 * RSA), IdentitiesOnly, a passphrase-protected key from the agent or refused without a terminal,
 * key files open to others, a missing -i file, and the first-contact host key line. Every case is
 * also run with OpenSSH's own {@code ssh} and both must agree.
 */
@RequiresDocker(images = SshdHost.BASE)
class AgentAndIdentitiesTest extends SshHostTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static Path ed25519;
    private static Path rsa;
    private static Path locked;
    private static Path stranger;

    @BeforeAll
    static void start() {
        host = SshdHost.start();
        ed25519 = key("id_ed25519", "ed25519", "", true);
        rsa = key("id_rsa", "rsa", "", true);
        locked = key("id_locked", "ed25519", PASSPHRASE, true);
        stranger = key("id_stranger", "ed25519", "", false);
    }

    @BeforeEach
    void setUp() throws IOException {
        writeConfig();
    }

    /** The same ssh config for mesh (MESH_SSH_CONFIG) and ssh (-F): {@code lines} first, then the test's known_hosts. */
    private void writeConfig(String... lines) throws IOException {
        List<String> all = new java.util.ArrayList<>(List.of(lines));
        all.addAll(List.of("Host *", "  UserKnownHostsFile " + mesh.knownHosts, "  GlobalKnownHostsFile /dev/null",
                "  StrictHostKeyChecking accept-new"));
        Files.write(sshConfig, all);
        mesh.env.put("MESH_SSH_CONFIG", sshConfig.toString());
    }

    private String target() {
        return SshdHost.USER + "@127.0.0.1";
    }

    private String port() {
        return String.valueOf(host.port());
    }

    @Test
    void aKeyOnlyTheAgentHoldsIsUsedEd25519AndRsa() {
        for (Path key : List.of(ed25519, rsa)) {
            try (SshAgent agent = SshAgent.start(dir)) {
                agent.add(key, "");
                mesh.env.putAll(agent.env());
                MeshRun.Result m = mesh.detect(target(), "-p", port());
                assertEquals(0, m.exit(), key + ": " + m.output());
                assertTrue(lastAccepted().contains(fingerprint(key)), lastAccepted());

                Tool.Result s = Tool.ssh(dir, sshConfig, agent.env(), target(), "-p", port());
                assertEquals(0, s.exit(), "ssh agrees: " + s.output());
            } finally {
                mesh.env.remove("SSH_AUTH_SOCK");
                deleteQuietly(dir.resolve("agent.sock"));
            }
        }
    }

    @Test
    void withoutTheAgentTheFailureSaysSoAndNamesWhatWasTried() {
        MeshRun.Result m = mesh.detect(target(), "-p", port());
        assertEquals(1, m.exit(), m.output());
        assertTrue(m.err().contains("Authentication failed for steve@127.0.0.1:" + port()), m.err());
        assertTrue(m.err().contains("no ssh-agent (SSH_AUTH_SOCK is not set)"), m.err());
        assertTrue(m.err().contains("Hint: See which keys the server accepts with: ssh -F " + sshConfig + " -v -p "
                + port() + " steve@127.0.0.1"), m.err());
        assertEquals(255, Tool.ssh(dir, sshConfig, Map.of(), target(), "-p", port()).exit(), "ssh fails too");
    }

    @Test
    void identitiesOnlyOffersOnlyTheAgentKeysNamedByIdentityFile() throws IOException {
        Path pubOnly = Files.createDirectories(dir.resolve("pub-only")).resolve("id_ed25519");
        Files.copy(Path.of(ed25519 + ".pub"), Path.of(pubOnly + ".pub")); // the private key lives in the agent only
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(ed25519, "");
            mesh.env.putAll(agent.env());

            writeConfig("Host 127.0.0.1", "  IdentitiesOnly yes", "  IdentityFile " + stranger);
            MeshRun.Result refused = mesh.detect(target(), "-p", port());
            assertEquals(1, refused.exit(), refused.output());
            assertTrue(refused.err().contains(stranger + " (ssh config " + sshConfig + ":3)"), refused.err());
            assertFalse(refused.err().contains("from ssh-agent"), "the agent's key is not offered: " + refused.err());
            assertEquals(255, Tool.ssh(dir, sshConfig, agent.env(), target(), "-p", port()).exit(), "ssh refuses too");

            writeConfig("Host 127.0.0.1", "  IdentitiesOnly yes", "  IdentityFile " + pubOnly);
            MeshRun.Result allowed = mesh.detect(target(), "-p", port());
            assertEquals(0, allowed.exit(), allowed.output());
            assertTrue(lastAccepted().contains(fingerprint(ed25519)), lastAccepted());
            assertEquals(0, Tool.ssh(dir, sshConfig, agent.env(), target(), "-p", port()).exit(), "ssh agrees");
        }
    }

    @Test
    void aPassphraseKeyComesFromTheAgentWithoutAnyQuestion() {
        try (SshAgent agent = SshAgent.start(dir)) {
            agent.add(locked, PASSPHRASE);
            mesh.env.putAll(agent.env());
            MeshRun.Result m = mesh.detect(target(), "-p", port(), "-i", locked.toString());
            assertEquals(0, m.exit(), m.output());
            assertTrue(lastAccepted().contains(fingerprint(locked)), lastAccepted());
            assertEquals(0, Tool.ssh(dir, sshConfig, agent.env(), target(), "-p", port(), "-i", locked.toString()).exit());
        }
    }

    @Test
    void aPassphraseKeyWithoutAgentOrTerminalIsRefusedWithTheSshAddAdvice() {
        MeshRun.Result m = mesh.detect(target(), "-p", port(), "-i", locked.toString());
        assertEquals(1, m.exit(), m.output());
        assertTrue(m.err().contains(locked + " (-i): protected by a passphrase, and there is no terminal to ask for"
                + " it; load it into ssh-agent first: ssh-add " + locked), m.err());
        assertFalse(m.output().contains(PASSPHRASE));
        assertEquals(255, Tool.ssh(dir, sshConfig, Map.of(), target(), "-p", port(), "-i", locked.toString()).exit());
    }

    @Test
    void keyFilesOpenToOthersAndMissingKeyFilesAreRefusedBeforeConnecting() throws IOException {
        Path open = Files.copy(ed25519, dir.resolve("id_open"));
        Files.copy(Path.of(ed25519 + ".pub"), dir.resolve("id_open.pub"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        int logins = host.acceptedLogins();

        MeshRun.Result m = mesh.detect(target(), "-p", port(), "-i", open.toString());
        assertEquals(2, m.exit(), m.output());
        assertTrue(m.err().contains("permissions 0644 are too open"), m.err());
        assertFalse(Files.exists(mesh.knownHosts), "refused before any connection");
        Tool.Result s = Tool.ssh(dir, sshConfig, Map.of(), target(), "-p", port(), "-i", open.toString(),
                "-o", "IdentitiesOnly=yes");
        assertEquals(255, s.exit(), s.output());
        assertTrue(s.err().contains("UNPROTECTED PRIVATE KEY FILE"), "ssh ignores the key too: " + s.err());

        MeshRun.Result missing = mesh.detect(target(), "-p", port(), "-i", dir.resolve("id_nowhere").toString());
        assertEquals(2, missing.exit(), missing.output());
        assertTrue(missing.err().contains("id_nowhere (-i) does not exist"), missing.err());
        assertEquals(logins, host.acceptedLogins(), "no login");
    }

    @Test
    void aNewHostKeyIsReportedWithItsTypeAndFingerprint() {
        MeshRun.Result m = mesh.detect(target(), "-p", port(), "-i", ed25519.toString());
        assertEquals(0, m.exit(), m.output());
        String fp = host.root("ssh-keygen -lf /etc/ssh/new_ecdsa_key.pub").split("\\s+")[1]; // OpenSSH's own
        assertTrue(m.out().contains("Permanently added [127.0.0.1]:" + port() + " (ecdsa-sha2-nistp256 " + fp
                + ") to the list of known hosts in " + mesh.knownHosts), m.out());
        MeshRun.Result again = mesh.detect(target(), "-p", port(), "-i", ed25519.toString());
        assertFalse(again.out().contains("Permanently added"), "only the first contact is reported");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // the agent removes its socket itself
        }
    }
}
