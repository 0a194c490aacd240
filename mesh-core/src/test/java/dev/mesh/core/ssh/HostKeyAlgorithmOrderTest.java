package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.TargetHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.command.CommandFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host with two host keys (ECDSA, which MINA prefers, and ed25519, which OpenSSH records first):
 * the key type already in known_hosts must be the one negotiated, so its change is noticed.
 * The server here is a bare embedded MINA sshd standing in for an OpenSSH server with both keys.
 */
class HostKeyAlgorithmOrderTest {
    @TempDir
    Path dir;
    private SshServer server;
    private KeyPair ed25519;
    private Path clientKey;

    @BeforeEach
    void start() throws Exception {
        KeyPair ecdsa = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        ed25519 = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        clientKey = dir.resolve("id_ed25519");
        KeyPair client = SshTestSupport.writeKey(clientKey, KeyPairProvider.SSH_ED25519, 256, null);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(ecdsa, ed25519));
        server.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, client.getPublic()));
        server.setCommandFactory((CommandFactory) (channel, command) -> {
            throw new UnsupportedOperationException("no commands here");
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop(true);
    }

    private void connect() {
        SshSettings settings = SshTestSupport.settings(dir, clientKey).withConnectTimeout(Duration.ofSeconds(5));
        try (SshConnector connector = new SshConnector(settings);
             SshConnection c = connector.connect(new TargetHost("any", "127.0.0.1", server.getPort()))) {
            assertTrue(c.isOpen());
        }
    }

    private String pattern() {
        return "[127.0.0.1]:" + server.getPort();
    }

    @Test
    void aRecordedEd25519KeyIsVerifiedAndNothingIsAdded() throws Exception {
        String line = pattern() + " " + PublicKeyEntry.toString(ed25519.getPublic()) + "\n";
        Files.writeString(dir.resolve("known_hosts"), line);
        connect();
        assertEquals(line, Files.readString(dir.resolve("known_hosts")), "no ECDSA key recorded beside it");
    }

    @Test
    void aChangedEd25519KeyIsNoticedEvenThoughTheHostAlsoOffersEcdsa() throws Exception {
        KeyPair old = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Files.writeString(dir.resolve("known_hosts"), pattern() + " " + PublicKeyEntry.toString(old.getPublic()) + "\n");
        HostKeyChangedException e = assertThrows(HostKeyChangedException.class, this::connect);
        assertEquals(1, e.line());
    }

    @Test
    void anUnknownHostGetsMinasPreferredKeyRecorded() throws Exception {
        connect();
        List<String> lines = Files.readAllLines(dir.resolve("known_hosts"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith(pattern() + " ecdsa-sha2-nistp256 "), lines.get(0));
    }
}
