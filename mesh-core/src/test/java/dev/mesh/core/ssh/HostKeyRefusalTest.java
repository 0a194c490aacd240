package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reason for a refused host key must outlive the session: MINA closes a session whose key was
 * refused and clears its attributes once closed, possibly before the connecting thread looks.
 * The server is a bare embedded MINA sshd standing in for an OpenSSH server whose key changed.
 */
class HostKeyRefusalTest {
    private static final AttributeKey<String> MARK = new AttributeKey<>();

    @TempDir
    Path dir;
    private SshServer server;
    private SshClient client;

    @BeforeEach
    void start() throws Exception {
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256)));
        server.start();
        KeyPair old = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                + PublicKeyEntry.toString(old.getPublic()) + "\n");
        client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new KnownHostsVerifier(new KnownHosts(knownHosts)));
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.stop(true);
    }

    @Test
    void theRefusalIsInTheConnectContextEvenAfterTheSessionHasClosed() throws Exception {
        AtomicReference<SshConnectException> slot = new AtomicReference<>();
        AttributeRepository context = AttributeRepository.ofKeyValuePair(KnownHostsVerifier.REFUSAL, slot);
        ClientSession session = client.connect("any", "127.0.0.1", server.getPort(), context, null)
                .verify(Duration.ofSeconds(5)).getSession();
        session.setAttribute(MARK, "set before the handshake");
        CountDownLatch closed = new CountDownLatch(1);
        session.addCloseFutureListener(f -> closed.countDown());

        assertThrows(Exception.class, () -> session.auth().verify(Duration.ofSeconds(5)));
        assertTrue(closed.await(5, TimeUnit.SECONDS), "MINA closes the refused session");

        assertNull(session.getAttribute(MARK), "MINA cleared the session's attributes, so they cannot carry the reason");
        HostKeyChangedException reason = assertInstanceOf(HostKeyChangedException.class, slot.get());
        assertEquals(1, reason.line());
    }
}
