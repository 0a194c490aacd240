package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.TargetHost;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.testkit.SimulatedHost;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectFailureTest {
    @TempDir
    Path dir;

    @Test
    void refusedPortFailsFastAndSaysSo() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir))) {
            long start = System.nanoTime();
            SshConnectException e = assertThrows(SshConnectException.class,
                    () -> connector.connect(new TargetHost("steve", "127.0.0.1", port)));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("Connection refused by 127.0.0.1:" + port, e.getMessage());
            assertTrue(tookMs < 2000, "took " + tookMs + " ms");
        }
    }

    @Test
    void silentServerTimesOutAfterTheConnectTimeout() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // accepts TCP, never speaks SSH
                    }
                } catch (Exception done) {
                    // socket closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            SshSettings settings = SshTestSupport.settings(dir).withConnectTimeout(Duration.ofSeconds(1));
            try (SshConnector connector = new SshConnector(settings)) {
                long start = System.nanoTime();
                SshConnectException e = assertThrows(SshConnectException.class,
                        () -> connector.connect(new TargetHost("steve", "127.0.0.1", silent.getLocalPort())));
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(e.getMessage().startsWith("Timed out after 1s connecting to 127.0.0.1:"
                        + silent.getLocalPort()), e.getMessage());
                assertTrue(tookMs >= 900 && tookMs < 3000, "took " + tookMs + " ms");
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void rejectedKeyNamesUserHostAndTheKeysTried() throws Exception {
        try (SimulatedHost host = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("host")))) {
            Path wrongKey = dir.resolve("id_wrong");
            SshTestSupport.writeKey(wrongKey, KeyPairProvider.SSH_ED25519, 256, null);
            try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, wrongKey))) {
                SshConnectException e = assertThrows(SshConnectException.class,
                        () -> connector.connect(new TargetHost("steve", host.address(), host.port())));
                assertEquals(SshConnectException.Kind.AUTHENTICATION, e.kind());
                assertTrue(e.getMessage().startsWith("Authentication failed for steve@127.0.0.1:" + host.port()
                        + ": the server accepted none of the keys offered (" + wrongKey + " (-i) ssh-ed25519 SHA256:"),
                        e.getMessage());
                assertTrue(e.getMessage().endsWith("; no ssh-agent (SSH_AUTH_SOCK is not set)"), e.getMessage());
                assertTrue(e.hint().startsWith("See which keys the server accepts with: ssh -F none -v -i " + wrongKey
                        + " -p " + host.port() + " steve@127.0.0.1"), e.hint());
            }
        }
    }

    @Test
    void wrongUserIsAnAuthenticationFailureToo() throws Exception {
        try (SimulatedHost host = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("host")));
             SshConnector connector = new SshConnector(SshTestSupport.settings(dir, host.clientKey()))) {
            SshConnectException e = assertThrows(SshConnectException.class,
                    () -> connector.connect(new TargetHost("root", host.address(), host.port())));
            assertTrue(e.getMessage().startsWith("Authentication failed for root@127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void anEncryptedKeyWithoutTerminalOrAgentIsLeftOutWithTheAdviceToAddItToTheAgent() throws Exception {
        try (SimulatedHost host = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("host")))) {
            Path encrypted = dir.resolve("id_locked");
            host.acceptKey(SshTestSupport.writeKey(encrypted, KeyPairProvider.SSH_ED25519, 256, "secret passphrase")
                    .getPublic());
            try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, encrypted))) {
                SshConnectException e = assertThrows(SshConnectException.class,
                        () -> connector.connect(new TargetHost("steve", host.address(), host.port())));
                assertTrue(e.getMessage().contains("left out: " + encrypted + " (-i): protected by a passphrase, and"
                        + " there is no terminal to ask for it; load it into ssh-agent first: ssh-add " + encrypted),
                        e.getMessage());
                assertFalse(e.getMessage().contains("secret passphrase"));
            }
        }
    }

    @Test
    void aMissingIdentityFileIsRefusedBeforeAnyConnection() {
        Path missing = dir.resolve("id_missing");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SshConnector(SshTestSupport.settings(dir, missing)).close());
        assertEquals("Identity file " + missing + " (-i) does not exist.", e.getMessage());
    }

    @Test
    void anIdentityFileReadableByOthersIsRefusedLikeSshDoes() throws Exception {
        Path open = dir.resolve("id_open");
        SshTestSupport.writeKey(open, KeyPairProvider.SSH_ED25519, 256, null);
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new SshConnector(SshTestSupport.settings(dir, open)).close());
        assertTrue(e.getMessage().contains("permissions 0644 are too open"), e.getMessage());
    }
}
