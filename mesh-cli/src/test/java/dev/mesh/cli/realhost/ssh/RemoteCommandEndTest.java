package dev.mesh.cli.realhost.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.TargetHost;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.core.ssh.CommandStoppedException;
import dev.mesh.core.ssh.SshConnection;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §6 on a real OpenSSH server: a remote command that outlives its limit, or whose caller is
 * interrupted, is ENDED on the host, with its children (sshd delivers the "signal" request to the
 * session's process group); one that ignores TERM gets KILL; and a frozen host costs a bounded
 * cleanup, not another full timeout.
 */
@RequiresDocker(images = SshdHost.BASE)
class RemoteCommandEndTest extends SshHostTest {
    private static SshConnector connector;
    private static TargetHost target;

    @BeforeAll
    static void start() {
        host = SshdHost.start();
        Path key = key("id_ed25519", "ed25519", "", true);
        connector = new SshConnector(new SshSettings(Duration.ofSeconds(10), keys.resolve("known_hosts"),
                Optional.empty(), List.of(key), false, Duration.ZERO));
        target = new TargetHost(SshdHost.USER, "127.0.0.1", host.port());
    }

    @AfterAll
    static void stopConnector() {
        connector.close();
    }

    /** The processes of the login user whose command line contains {@code marker}, as ps shows them. */
    private static List<String> processes(String marker) {
        return host.exec("ps -u " + SshdHost.USER + " -o pid=,pgid=,args= | grep -F -- '" + marker + "' | grep -v grep")
                .getStdout().lines().toList();
    }

    private static void awaitProcesses(String marker, int count) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (processes(marker).size() != count) {
            assertTrue(System.nanoTime() < end, "expected " + count + " processes with " + marker + ": " + processes(marker));
            Thread.sleep(50);
        }
    }

    /** A command's result and how long {@code run} took. */
    private record Timed(CommandResult result, long millis) {
    }

    private static Timed run(SshConnection c, String command, Duration limit) {
        long start = System.nanoTime();
        CommandResult r = c.run(command, limit);
        return new Timed(r, (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void aTimedOutCommandAndItsChildAreGoneFromTheHost() throws Exception {
        try (SshConnection c = connector.connect(target)) {
            Timed t = run(c, "sleep 3011 & sleep 3012; echo never", Duration.ofSeconds(2));

            assertTrue(t.result().timedOut(), t.toString());
            assertTrue(t.result().stderr().contains("`sleep 3011 & sleep 3012; echo never` did not finish within 2s"),
                    t.result().stderr());
            assertTrue(t.millis() < 3500, "TERM ends the command at once: " + t);
            awaitProcesses("sleep 301", 0);
            assertEquals("still here", c.run("echo still here", Duration.ofSeconds(5)).out());
        }
    }

    @Test
    void aCommandThatIgnoresTermGetsKill() throws Exception {
        try (SshConnection c = connector.connect(target)) {
            Timed t = run(c, "trap '' TERM; sleep 3021 & sleep 3022", Duration.ofSeconds(1));

            assertTrue(t.result().timedOut());
            assertTrue(t.millis() >= 2900 && t.millis() < 4500, "1 s limit + 2 s TERM grace, then KILL: " + t);
            awaitProcesses("sleep 302", 0);
        }
    }

    @Test
    void anInterruptedCallerEndsTheCommandOnTheHost() throws Exception {
        try (SshConnection c = connector.connect(target)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    c.run("sleep 3031 & sleep 3032", Duration.ofSeconds(60));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            caller.start();
            awaitProcesses("sleep 303", 3); // the shell and both children really run before the interrupt
            long start = System.nanoTime();
            caller.interrupt();
            caller.join(10_000);
            long ms = (System.nanoTime() - start) / 1_000_000;

            assertInstanceOf(CommandStoppedException.class, thrown.get());
            assertTrue(ms < 1500, "took " + ms + " ms");
            awaitProcesses("sleep 303", 0);
        }
    }

    /** Issue 13 §4: endless output is capped in memory, stopped past the hard limit, and not a lost connection. */
    @Test
    void endlessOutputIsCappedAndTheCommandStopped() throws Exception {
        try (SshConnection c = connector.connect(target)) {
            Timed t = run(c, "yes mesh-out-3051 & yes mesh-err-3052 >&2", Duration.ofSeconds(60));
            CommandResult r = t.result();
            long ms = t.millis();

            assertEquals(-1, r.exitCode());
            assertTrue(!r.timedOut(), "stopped for its output, not its time");
            assertTrue(r.stderr().contains("wrote more than 16 MiB of output (mesh's limit for one command);"
                    + " mesh ended it on the host"), r.stderr().substring(Math.max(0, r.stderr().length() - 300)));
            assertTrue(r.stdout().startsWith("mesh-out-3051\nmesh-out-3051\n"), r.stdout().substring(0, 40));
            assertTrue(r.stdout().matches("(?s).*\\n\\[mesh: \\d+ bytes of output dropped\\]\\n.*"), "dropped bytes counted");
            assertTrue(r.stdout().length() < 2 * 64 * 1024 + 100, "kept " + r.stdout().length() + " chars");
            assertTrue(r.stderr().length() < 2 * 64 * 1024 + 400, "kept " + r.stderr().length() + " chars");
            assertTrue(ms < 20_000, "took " + ms + " ms");
            awaitProcesses("mesh-out-3051", 0);
            awaitProcesses("mesh-err-3052", 0);
            assertEquals("still here", c.run("echo still here", Duration.ofSeconds(5)).out());
        }
    }

    @Test
    void aFrozenHostCostsABoundedCleanupNotAnotherTimeout() throws Exception {
        SshConnection c = connector.connect(target);
        AtomicReference<CommandResult> result = new AtomicReference<>();
        Thread caller = new Thread(() -> result.set(c.run("sleep 3041", Duration.ofSeconds(2))));
        caller.start();
        awaitProcesses("sleep 3041", 1);
        long start = System.nanoTime();
        host.pause();
        try {
            caller.join(15_000);
            c.close();
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(result.get().timedOut(), String.valueOf(result.get()));
            assertTrue(result.get().stderr().contains("the host did not answer TERM and KILL"), result.get().stderr());
            assertTrue(ms < 2000 + 3000 + 1000, "2 s limit + 3 s of signals + close took " + ms + " ms");
        } finally {
            host.unpause();
        }
    }
}
