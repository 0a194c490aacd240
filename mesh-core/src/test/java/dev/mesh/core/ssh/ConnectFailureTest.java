package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.TargetHost;
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
                assertEquals("Authentication failed for steve@127.0.0.1: no accepted key (tried: " + wrongKey + ")",
                        e.getMessage());
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
    void encryptedIdentityFileFailsWithAClearMessageBeforeConnecting() throws Exception {
        Path encrypted = dir.resolve("id_locked");
        SshTestSupport.writeKey(encrypted, KeyPairProvider.SSH_ED25519, 256, "secret passphrase");
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, encrypted))) {
            SshConnectException e = assertThrows(SshConnectException.class,
                    () -> connector.connect(new TargetHost("steve", "127.0.0.1", 1)));
            assertTrue(e.getMessage().contains(encrypted.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("passphrase"), e.getMessage());
        }
    }

    @Test
    void missingIdentityFileIsNamed() {
        Path missing = dir.resolve("id_missing");
        try (SshConnector connector = new SshConnector(SshTestSupport.settings(dir, missing))) {
            SshConnectException e = assertThrows(SshConnectException.class,
                    () -> connector.connect(new TargetHost("steve", "127.0.0.1", 1)));
            assertEquals("Identity file " + missing + " does not exist", e.getMessage());
        }
    }
}
