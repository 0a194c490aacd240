package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.SharedShell;
import dev.mesh.testkit.SimulatedHost;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes in a shared shell: a real /bin/sh on this machine behind the simulated host's SSH server. */
class SharedShellTest {
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;
    private SimulatedHost host;
    private SshTestSupport.Connected connected;
    private SshConnection connection;

    @BeforeEach
    void start() throws Exception {
        host = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("host")));
        host.onStream("exec /bin/sh"::equals, (command, in, out, err) -> realShell(in, out, err));
        connected = SshTestSupport.Connected.to(host, dir.resolve("client"));
        connection = connected.connection();
        connection.shareShell(SharedShell.posix());
    }

    @AfterEach
    void stop() {
        connected.close();
        host.close();
    }

    /** /bin/sh as sshd would start it for the shell command, its streams piped through the channel. */
    private static int realShell(InputStream in, OutputStream out, OutputStream err) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh");
        Process sh = pb.start();
        Thread input = pump(in, sh.getOutputStream(), true);
        Thread output = pump(sh.getInputStream(), out, false);
        Thread error = pump(sh.getErrorStream(), err, false);
        try {
            int code = sh.waitFor();
            output.join();
            error.join();
            return code;
        } finally {
            sh.descendants().forEach(ProcessHandle::destroyForcibly); // as sshd's KILL to the process group
            sh.destroyForcibly();
            input.interrupt();
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeAtEnd) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
                if (closeAtEnd) {
                    to.close();
                }
            } catch (java.io.IOException e) {
                // the other side is gone
            }
        }, "shell-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void probesRunOneAfterAnotherInOneShellWithTheirOwnResults() {
        assertEquals(new CommandResult(0, "hello\n", "", false), connection.probe("echo hello", T));
        assertEquals(new CommandResult(3, "out", "err\n", false),
                connection.probe("printf out; echo err >&2; exit 3", T));
        CommandResult quoted = connection.probe("printf '%s\\n' \"it's\" '$HOME'", T);
        assertEquals("it's\n$HOME\n", quoted.stdout());
        assertEquals(127, connection.probe("nosuchprogram-mesh", T).exitCode());
        assertEquals("", connection.probe("cat", T).stdout(), "a probe's standard input is the null device");
        assertEquals(List.of("exec /bin/sh"), host.commands(), "one channel for every probe");
    }

    @Test
    void aProbeIsASubshellCommandLineAsTheFrameSaysWhateverItHolds() {
        assertEquals("a\nb c\n", connection.probe("echo a\necho 'b c'", T).stdout(), "lines");
        assertEquals("doc $HOME\n", connection.probe("cat <<'EOF'\ndoc $HOME\nEOF", T).stdout(), "a here-document");
        assertEquals(new CommandResult(1, "", "", false), connection.probe("set -e; false; echo never", T),
                "set -e ends the probe's subshell at `false`");
        assertEquals(4, connection.probe("cd /; x=1; trap 'echo trapped' EXIT; exit 4", T).exitCode());
        CommandResult after = connection.probe("echo \"$(pwd) x=${x:-unset}\"; false", T);
        assertEquals(1, after.exitCode(), "no set -e left over: the echo ran, then false");
        assertTrue(after.stdout().endsWith(" x=unset\n") && !after.stdout().startsWith("/ "), after.stdout());
        assertEquals("x'y\n", connection.probe("exec printf '%s\\n' \"x'y\"", T).stdout(), "exec ends the subshell only");
        assertEquals("still\n", connection.probe("echo still", T).stdout());
        assertEquals(List.of("exec /bin/sh"), host.commands(), "one shell for all of them");
    }

    @Test
    void aShellThatNeitherAnswersNorExitsIsGivenUpAndTheProbeRunsOnItsOwnChannel() throws Exception {
        connected.close();
        host.close();
        host = SimulatedHost.start("steve", dir.resolve("host2"));
        // as a login shell that does not know `exec /bin/sh` and then waits for its input to end
        host.onStream("exec /bin/sh"::equals, (command, in, out, err) -> {
            err.write("exec: not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            err.flush();
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return 127;
        }).onExact("echo connected", "connected\n");
        connected = SshTestSupport.Connected.to(host, dir.resolve("client2"));
        connection = connected.connection();
        connection.shareShell(SharedShell.posix());
        long start = System.nanoTime();
        CommandResult first = connection.probe("echo connected", Duration.ofSeconds(2));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(new CommandResult(0, "connected\n", "", false), first);
        assertTrue(tookMs < 2500, "within its time: half for the shell, the rest on a channel of its own; took " + tookMs);
        assertEquals(new CommandResult(0, "connected\n", "", false), connection.probe("echo connected", T));
        assertEquals(List.of("exec /bin/sh", "echo connected", "echo connected"), host.channelCommands(),
                "the shell is not asked for again");
    }

    @Test
    void unsharingEndsTheShellAndProbesTakeChannelsOfTheirOwn() {
        connection.probe("true", T);
        connection.unshareShell();
        host.onExact("hostname", "h1\n");
        assertEquals("h1\n", connection.probe("hostname", T).stdout());
        assertEquals(List.of("exec /bin/sh", "hostname"), host.commands());
    }

    @Test
    void theSameProtocolKeepsTheShellAndAnotherReplacesIt() {
        connection.probe("true", T);
        connection.shareShell(new SharedShell() { // the plugin's POSIX defaults after the detector's
        });
        connection.probe("true", T);
        assertEquals(List.of("exec /bin/sh"), host.commands(), "kept");
        host.onStream("exec /bin/sh -u"::equals, (command, in, out, err) -> realShell(in, out, err));
        connection.shareShell(new SharedShell() {
            @Override
            public String shellCommand() {
                return "exec /bin/sh -u";
            }
        });
        assertEquals("x\n", connection.probe("echo x", T).stdout());
        assertEquals(List.of("exec /bin/sh", "exec /bin/sh -u"), host.commands(), "replaced");
    }

    @Test
    void commandsWithInputStillGetAChannelOfTheirOwn() {
        connection.probe("true", T);
        connection.run("cat", "secret".getBytes(), T);
        assertEquals(List.of("exec /bin/sh", "cat"), host.commands());
    }

    @Test
    void aProbePastItsLimitEndsTheShellAndTheNextProbeGetsANewOne() {
        connection.probe("true", T); // the host has answered in a shell: from now on a probe gets all its time there
        long start = System.nanoTime();
        CommandResult slow = connection.probe("sleep 30", Duration.ofMillis(300));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(slow.timedOut());
        assertEquals(-1, slow.exitCode());
        assertTrue(slow.stderr().contains("mesh: `sleep 30` did not finish within 300ms (its time limit); mesh ended it"
                + " on the host"), slow.stderr());
        assertTrue(tookMs < 2500, "took " + tookMs + " ms");
        assertEquals(List.of("TERM exec /bin/sh"), host.signals());
        assertEquals("again\n", connection.probe("echo again", T).stdout());
        assertEquals(List.of("exec /bin/sh", "exec /bin/sh"), host.commands());
    }

    @Test
    void aShellThatExitsIsReplacedAndTheProbeRunsOnItsOwnChannel() {
        assertEquals("first\n", connection.probe("echo first", T).stdout());
        // a probe that ends its shell ($$ in the subshell is the shared shell; it has no business doing so) runs once more on a channel of its own,
        // which the simulated host answers from its table (no rule: sh's "not found")
        CommandResult killer = connection.probe("kill -9 $$", T);
        assertEquals(127, killer.exitCode(), killer.toString());
        assertEquals(List.of("exec /bin/sh", "kill -9 $$"), host.commands());
        assertEquals("after\n", connection.probe("echo after", T).stdout());
        assertEquals(List.of("exec /bin/sh", "kill -9 $$", "exec /bin/sh"), host.commands(), "a new shell");
        assertEquals(1, host.connectionCount());
    }

    @Test
    void stopCommandsEndsARunningProbe() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                connection.probe("sleep 31", Duration.ofSeconds(60));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        Thread.sleep(300);
        connection.stopCommands();
        caller.join(5000);
        assertTrue(thrown.get() instanceof CommandStoppedException, String.valueOf(thrown.get()));
        assertEquals("ok\n", connection.probe("echo ok", T).stdout());
    }

    @Test
    void theSimulatedHostAnswersProbesInItsSharedShellAsCommandsOfTheirOwn() throws Exception {
        try (SimulatedHost plain = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("plain")))) {
            plain.onExact("uname -s", "Linux\n").onExact("printf 'it'\\''s'", 0, "it's", "note\n");
            try (SshTestSupport.Connected own = SshTestSupport.Connected.to(plain, dir.resolve("own"))) {
                SshConnection c = own.connection();
                c.shareShell(SharedShell.posix());
                assertEquals(new CommandResult(0, "Linux\n", "", false), c.probe("uname -s", T));
                assertEquals(new CommandResult(0, "it's", "note\n", false), c.probe("printf 'it'\\''s'", T));
                assertEquals(127, c.probe("nosuch", T).exitCode());
                assertEquals(List.of("uname -s", "printf 'it'\\''s'", "nosuch"), plain.commands());
            }
        }
    }

    @Test
    void aHostWhoseShellNeverAnswersGetsEveryProbeOnAChannelOfItsOwn() throws Exception {
        try (SimulatedHost noShell = SimulatedHost.start("steve", Files.createDirectories(dir.resolve("no-shell")))) {
            noShell.onStream("exec /bin/sh"::equals, (command, in, out, err) -> { // as a shell that cannot exec /bin/sh: at once
                err.write("sh: 1: exec: /bin/sh: not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return 127;
            }).onExact("id -u", "1000\n");
            try (SshTestSupport.Connected own = SshTestSupport.Connected.to(noShell, dir.resolve("own2"))) {
                SshConnection c = own.connection();
                c.shareShell(SharedShell.posix());
                assertEquals("1000\n", c.probe("id -u", T).stdout());
                assertEquals("1000\n", c.probe("id -u", T).stdout());
                assertEquals(List.of("exec /bin/sh", "id -u", "id -u"), noShell.commands(),
                        "the shell is tried once; both probes run on channels of their own");
                assertEquals(1, noShell.connectionCount());
            }
        }
    }

    @Test
    void whenSshdsMaxSessionsIsReachedTheIdleShellGivesItsSlotToACommand() throws Exception {
        host.maxSessions(2).onExact("id -u", "1000\n");
        try (dev.mesh.core.provision.HeldCommand lock = connection.hold("exec cat >/dev/null")) { // the host lock's channel
            assertEquals("hi\n", connection.probe("echo hi", T).stdout()); // the shell: the second slot
            assertEquals("1000\n", connection.run("id -u", T).stdout(), "refused once, then run in the shell's slot");
            assertEquals("1000\n", connection.probe("id -u", T).stdout(), "probes now take channels of their own");
        }
        assertEquals(List.of("exec /bin/sh", "exec cat >/dev/null", "id -u", "id -u"),
                host.commands().stream().sorted().toList(), "no shell started again");
    }
}
