package dev.mesh.cli.realhost.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Quoting;
import dev.mesh.cli.realhost.RequiresDocker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10: a passphrase-protected key asked for on a real terminal. The real {@code mesh} main
 * class runs in its own JVM under {@code script}, which gives it a pseudo-terminal; the test types
 * the passphrase only once the prompt is shown (terminal echo is off by then) and checks that it
 * never appears in what the terminal showed.
 */
@RequiresDocker(images = SshdHost.BASE)
class PassphrasePromptTest extends SshHostTest {
    private static final String PASSPHRASE = "tr0ub4dor & 3";
    private static Path locked;

    @BeforeAll
    static void start() {
        host = SshdHost.start();
        locked = key("id_locked", "ed25519", PASSPHRASE, true);
    }

    /** What the terminal showed, and mesh's exit code. */
    private record Session(int exit, String screen) {
    }

    /**
     * mesh remote detect under a pty, with a 2 s connect timeout; each answer is typed
     * {@code thinkMillis} after the next passphrase prompt appears.
     */
    private Session detectOnATerminal(List<String> answers, long thinkMillis) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = List.of(java, "-cp", classPath, "dev.mesh.cli.Main", "remote", "detect",
                        SshdHost.USER + "@127.0.0.1", "-p", String.valueOf(host.port()), "-i", locked.toString())
                .stream().map(Quoting::sh).collect(Collectors.joining(" "));
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command, "/dev/null").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", "/usr/bin:/bin", "TERM", "dumb", "NO_COLOR", "1",
                "XDG_CONFIG_HOME", dir.resolve("xdg").toString(), "MESH_SSH_CONFIG", "",
                "MESH_SSH_KNOWN_HOSTS", dir.resolve("known_hosts").toString(), "MESH_SSH_CONNECT_TIMEOUT", "2s"));
        Process p = pb.start();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), screen));
        reader.start();
        try (OutputStream keyboard = p.getOutputStream()) {
            for (int i = 0; i < answers.size(); i++) {
                awaitPrompts(screen, i + 1, p);
                Thread.sleep(thinkMillis); // the prompt is printed once echo is off
                keyboard.write((answers.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
                keyboard.flush();
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "mesh did not finish: " + text(screen));
        } finally {
            p.destroyForcibly();
        }
        reader.join(5000);
        return new Session(p.exitValue(), text(screen));
    }

    private static void awaitPrompts(ByteArrayOutputStream screen, int count, Process p) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (countPrompts(text(screen)) < count) {
            assertTrue(System.nanoTime() < end && p.isAlive(), "no passphrase prompt #" + count + ": " + text(screen));
            Thread.sleep(50);
        }
    }

    private static int countPrompts(String screen) {
        return screen.split("passphrase", -1).length - 1;
    }

    private static String text(ByteArrayOutputStream bytes) {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the terminal closed
        }
    }

    @Test
    void thePassphraseIsAskedOnTheTerminalAndNeverShown() throws Exception {
        int logins = host.acceptedLogins();
        // 3 s to type, longer than the 2 s connect timeout: time at the prompt does not count
        Session s = detectOnATerminal(List.of(PASSPHRASE), 3000);
        assertEquals(0, s.exit(), s.screen());
        assertTrue(s.screen().contains("Enter passphrase for key '" + locked + "': "), s.screen());
        assertTrue(s.screen().contains("family:          linux"), s.screen());
        assertFalse(s.screen().contains(PASSPHRASE), "the passphrase was echoed: " + s.screen());
        assertEquals(logins + 1, host.acceptedLogins());
    }

    @Test
    void threeWrongAnswersStopWithAClearMessage() throws Exception {
        Session s = detectOnATerminal(List.of("wrong-1", "wrong-2", "wrong-3"), 200);
        assertEquals(1, s.exit(), s.screen());
        assertTrue(s.screen().contains("Bad passphrase, try again for '" + locked + "': "), s.screen());
        assertTrue(s.screen().contains("Cannot decrypt " + locked + " with the passphrase given (3 attempts)"),
                s.screen());
        assertFalse(s.screen().contains("wrong-"), s.screen());
    }
}
