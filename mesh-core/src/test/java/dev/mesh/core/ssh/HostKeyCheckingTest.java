package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.TargetHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostKeyCheckingTest {
    @TempDir
    Path dir;
    private Path workDir;
    private SimulatedHost host;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        workDir = Files.createDirectories(dir.resolve("host"));
        host = SimulatedHost.start("steve", workDir);
        knownHosts = dir.resolve("dot-ssh/known_hosts"); // the directory does not exist yet
    }

    @AfterEach
    void stop() {
        host.close();
    }

    private SshConnector connector() {
        return new SshConnector(SshTestSupport.settings(dir, host.clientKey()).withKnownHosts(knownHosts));
    }

    private TargetHost target() {
        return new TargetHost(host.user(), host.address(), host.port());
    }

    private void connectOnce() {
        try (SshConnector connector = connector(); SshConnection c = connector.connect(target())) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void unknownHostKeyIsRecordedThenAcceptedSilently() throws Exception {
        connectOnce();
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + host.port() + " ecdsa-sha2-nistp"), lines.get(0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts.getParent())));

        String before = Files.readString(knownHosts);
        connectOnce();
        assertEquals(before, Files.readString(knownHosts), "a known key is not appended again");
    }

    @Test
    void appendsAfterALastLineWithoutNewlineAndKeepsOtherHosts() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        String otherLine = "example.org " + PublicKeyEntry.toString(other.getPublic());
        Files.writeString(knownHosts, otherLine); // no trailing newline, as some editors leave it
        connectOnce();
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(otherLine, lines.get(0));
        assertTrue(lines.get(1).startsWith("[127.0.0.1]:" + host.port() + " "), lines.get(1));
    }

    @Test
    void changedHostKeyIsRefusedNamingFileAndLine() throws Exception {
        connectOnce();
        String recorded = Files.readString(knownHosts);
        Files.writeString(knownHosts, "# managed by hand\n\n" + recorded);

        host = SimulatedHost.restartWithNewHostKey(host, workDir);
        HostKeyChangedException e = assertThrows(HostKeyChangedException.class, this::connectOnce);
        assertTrue(e.getMessage().contains(knownHosts.toAbsolutePath() + ":3"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals(knownHosts.toAbsolutePath(), e.knownHostsFile());
        assertEquals(0, host.commands().size());
        assertEquals("# managed by hand\n\n" + recorded, Files.readString(knownHosts), "file left untouched");
    }

    @Test
    void changedKeyIsFoundBehindAHashedEntry() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        // same type as SimulatedHost's generated host key (MINA's EC default, P-521)
        KeyPair impostor = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP521, 521);
        Files.writeString(knownHosts, "other.example " + PublicKeyEntry.toString(impostor.getPublic()) + "\n"
                + hashed("[127.0.0.1]:" + host.port()) + " " + PublicKeyEntry.toString(impostor.getPublic()) + "\n",
                StandardCharsets.UTF_8);
        HostKeyChangedException e = assertThrows(HostKeyChangedException.class, this::connectOnce);
        assertEquals(2, e.line());
    }

    @Test
    void aHostKnownOnlyUnderAnotherKeyTypeHasChanged() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        KeyPair ed = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        String edLine = "[127.0.0.1]:" + host.port() + " " + PublicKeyEntry.toString(ed.getPublic()) + "\n";
        Files.writeString(knownHosts, edLine);
        // the host offers only its ECDSA key: OpenSSH (accept-new) calls that a changed host, so does mesh
        HostKeyChangedException e = assertThrows(HostKeyChangedException.class, this::connectOnce);
        assertTrue(e.getMessage().contains(knownHosts.toAbsolutePath() + ":1 (ssh-ed25519)"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -R '[127.0.0.1]:" + host.port() + "' -f " + knownHosts.toAbsolutePath()),
                e.getMessage());
        assertEquals(edLine, Files.readString(knownHosts), "nothing appended");
        assertEquals(0, host.commands().size());
    }

    @Test
    void aNewHostIsWrittenHashedWhenTheFileIsHashed() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        KeyPair other = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        String otherLine = hashed("other.example") + " " + PublicKeyEntry.toString(other.getPublic()) + "\n";
        Files.writeString(knownHosts, otherLine);
        connectOnce();
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).startsWith("|1|"), "hashed like the rest of the file: " + lines.get(1));
        assertFalse(lines.get(1).contains("127.0.0.1"), lines.get(1));
        String before = Files.readString(knownHosts);
        connectOnce();
        assertEquals(before, Files.readString(knownHosts), "the hashed entry is found again");
    }

    @Test
    void aKnownHostsFileThatCannotBeWrittenFailsTheConnection() throws Exception {
        Files.writeString(dir.resolve("not-a-dir"), "x");
        knownHosts = dir.resolve("not-a-dir/known_hosts");
        SshConnectException e = assertThrows(SshConnectException.class, this::connectOnce);
        assertFalse(e instanceof HostKeyChangedException);
        assertTrue(e.getMessage().contains(knownHosts.toAbsolutePath().toString()), e.getMessage());
        assertTrue(host.commands().isEmpty());
    }

    /** An OpenSSH HashKnownHosts entry: |1|base64(salt)|base64(HMAC-SHA1(salt, host)), computed with the JDK. */
    private static String hashed(String hostPattern) throws Exception {
        byte[] salt = new byte[20];
        new java.security.SecureRandom().nextBytes(salt);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(salt, "HmacSHA1"));
        byte[] digest = mac.doFinal(hostPattern.getBytes(StandardCharsets.UTF_8));
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(digest);
    }
}
