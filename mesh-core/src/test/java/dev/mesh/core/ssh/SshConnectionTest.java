package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.TransportException;
import dev.mesh.testkit.SimulatedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.core.CoreModuleProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectionTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private SimulatedHost host;
    private SshConnector connector;
    private SshConnection connection;

    @BeforeEach
    void start() throws Exception {
        host = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("host")));
        connector = new SshConnector(SshTestSupport.settings(dir, host.clientKey()));
        connection = connector.connect(connector.resolve(host.user(), host.address(), host.port()));
    }

    @AfterEach
    void stop() {
        connection.close();
        connector.close();
        host.close();
    }

    @Test
    void runsManyCommandsOverOneConnection() {
        host.onExact("uname -s", "Linux\n").onExact("id -u", "0\n");
        assertEquals("Linux", connection.run("uname -s", T).out());
        assertEquals("0", connection.run("id -u", T).out());
        assertEquals("Linux", connection.run("uname -s", T).out());
        assertEquals(List.of("uname -s", "id -u", "uname -s"), host.commands());
        assertEquals(1, host.connectionCount());
    }

    @Test
    void reportsExitCodeStdoutAndStderr() {
        host.onExact("false-ish", 3, "partial\n", "boom\n");
        CommandResult r = connection.run("false-ish", T);
        assertEquals(new CommandResult(3, "partial\n", "boom\n", false), r);
        assertFalse(r.succeeded());
        CommandResult missing = connection.run("nosuchprogram --x", T);
        assertEquals(127, missing.exitCode());
        assertTrue(missing.stderr().contains("nosuchprogram: not found"), missing.stderr());
    }

    @Test
    void aTimedOutCommandIsEndedOnTheHostAndNamedWithItsLimit() {
        host.on("sleep 60"::equals, (c, h) -> {
            Thread.sleep(60_000);
            return SimulatedHost.ok("");
        });
        host.onExact("echo hi", "hi\n");
        long start = System.nanoTime();
        CommandResult r = connection.run("sleep 60", Duration.ofMillis(300));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertEquals(List.of("TERM sleep 60"), host.signals(), "TERM to the command, no KILL needed");
        assertTrue(r.stderr().endsWith("mesh: `sleep 60` did not finish within 300ms (its time limit);"
                + " mesh ended it on the host (TERM, then KILL after 2s)"), r.stderr());
        assertTrue(tookMs < 1500, "took " + tookMs + " ms");
        assertEquals("hi", connection.run("echo hi", T).out(), "the session survives a timed-out command");
        assertEquals(1, host.connectionCount());
    }

    @Test
    void longCommandsAreQuotedByTheirFirstLineOnly() {
        host.on(c -> c.startsWith("sleep 61"), (c, h) -> {
            Thread.sleep(60_000);
            return SimulatedHost.ok("");
        });
        String command = "sleep 61 # " + "x".repeat(200) + "\nsecond line";
        CommandResult r = connection.run(command, Duration.ofMillis(200));
        assertTrue(r.stderr().contains("mesh: `sleep 61 # " + "x".repeat(69) + "…` did not finish within 200ms"),
                r.stderr());
    }

    @Test
    void anInterruptEndsTheCommandOnTheHostAndThrowsPromptly() throws Exception {
        host.on("sleep 62"::equals, (c, h) -> {
            Thread.sleep(60_000);
            return SimulatedHost.ok("");
        });
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                connection.run("sleep 62", Duration.ofSeconds(60));
            } catch (Throwable e) {
                thrown.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        waitFor(() -> host.commands().contains("sleep 62"));
        long start = System.nanoTime();
        caller.interrupt();
        caller.join(5000);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        CommandStoppedException e = assertInstanceOf(CommandStoppedException.class, thrown.get());
        assertTrue(e.getMessage().contains("interrupted while `sleep 62` ran"), e.getMessage());
        assertTrue(stillInterrupted.get(), "the interrupt flag is kept for the caller");
        assertEquals(List.of("TERM sleep 62"), host.signals());
        assertTrue(tookMs < 1500, "took " + tookMs + " ms");
    }

    @Test
    void stopCommandsEndsEveryRunningCommand() throws Exception {
        host.on(c -> c.startsWith("sleep 63"), (c, h) -> {
            Thread.sleep(60_000);
            return SimulatedHost.ok("");
        });
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> callers = new java.util.ArrayList<>();
        for (String command : List.of("sleep 63 a", "sleep 63 b")) {
            Thread t = new Thread(() -> {
                try {
                    connection.run(command, Duration.ofSeconds(60));
                } catch (Throwable e) {
                    thrown.add(e);
                }
            });
            t.start();
            callers.add(t);
        }
        waitFor(() -> host.commands().size() == 2);
        connection.stopCommands();
        for (Thread t : callers) {
            t.join(5000);
        }
        assertEquals(2, thrown.size(), thrown.toString());
        thrown.forEach(e -> assertInstanceOf(CommandStoppedException.class, e));
        assertEquals(java.util.Set.of("TERM sleep 63 a", "TERM sleep 63 b"), java.util.Set.copyOf(host.signals()));
        assertTrue(connection.isOpen(), "the connection itself stays usable");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "condition not met within 5 s");
            Thread.sleep(10);
        }
    }

    @Test
    void uploadCreatesFileOnlyTheOwnerCanRead() throws Exception {
        Files.createDirectories(host.file("/etc/mesh"));
        byte[] secret = "tskey-auth-XYZ".getBytes(StandardCharsets.UTF_8);
        connection.upload(secret, "/etc/mesh/authkey", 0600);
        Path local = host.file("/etc/mesh/authkey");
        assertArrayEquals(secret, Files.readAllBytes(local));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
    }

    @Test
    void uploadReplacesAWorldReadableFileWithAPrivateOne() throws Exception {
        Path local = host.file("/tmp/key");
        Files.createDirectories(local.getParent());
        Files.writeString(local, "old content that is longer than the new one");
        Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rw-r--r--"));
        connection.upload("new".getBytes(StandardCharsets.UTF_8), "/tmp/key", 0600);
        assertEquals("new", Files.readString(local));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(local)));
    }

    @Test
    void uploadOfALargeFileKeepsEveryByte() throws Exception {
        Files.createDirectories(host.file("/opt"));
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        connection.upload(big, "/opt/blob", 0644);
        assertArrayEquals(big, Files.readAllBytes(host.file("/opt/blob")));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(host.file("/opt/blob"))));
    }

    @Test
    void uploadFailureIsATransportExceptionNamingThePath() {
        TransportException e = assertThrows(TransportException.class,
                () -> connection.upload(new byte[] {1}, "/no/such/dir/file", 0600));
        assertTrue(e.getMessage().contains("/no/such/dir/file"), e.getMessage());
        assertTrue(e.getMessage().contains("SFTP"), e.getMessage());
    }

    @Test
    void heartbeatIsOffByDefaultInTestsAndOnWhenConfigured() {
        assertEquals(Duration.ZERO, CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(connection.session()));
        SshSettings withHeartbeat = SshTestSupport.settings(dir, host.clientKey())
                .withHeartbeatInterval(Duration.ofMillis(200));
        try (SshConnector other = new SshConnector(withHeartbeat);
             SshConnection c = other.connect(connection.host())) {
            assertEquals(Duration.ofMillis(200), CoreModuleProperties.HEARTBEAT_INTERVAL.getRequired(c.session()));
            host.onExact("echo hi", "hi\n");
            sleep(700); // several heartbeats answered by the server; the session stays up
            assertEquals("hi", c.run("echo hi", T).out());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void closedConnectionFailsClearly() {
        connection.close();
        assertFalse(connection.isOpen());
        TransportException e = assertThrows(TransportException.class, () -> connection.run("id", T));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
