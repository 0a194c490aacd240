package dev.mesh.cli.realhost.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.MeshCli;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.cli.realhost.hostile.HostileHost.Answer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real CLI against a real Debian host that answers like an attacker (issue 13 §3, §4): what it
 * says reaches the terminal escaped and capped, and JSON too deep or too large fails its step with a
 * clear message, never a stack trace. One container for the class; each test sets what it answers.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class HostileHostTest {
    /** No more output than this, whatever the host sends. */
    private static final int MAX_OUTPUT = 64 * 1024;

    private static HostileHost hostile;

    @TempDir
    Path dir;
    MeshCli mesh;

    @BeforeAll
    static void start() {
        hostile = HostileHost.start();
    }

    @AfterAll
    static void stop() {
        if (hostile != null) {
            hostile.close();
        }
    }

    @BeforeEach
    void cleanHostAndCli() {
        hostile.reset();
        mesh = new MeshCli(dir).trust(hostile.host());
        mesh.env.put("MESH_TIMEOUT_COMMAND", "5s");
    }

    /** issue 13 §3: OSC 52 and a forged "OK" line in os-release, an OSC title in uname -m. */
    @Test
    void detectShowsWhatTheHostSaysEscaped() {
        hostile.osRelease(HostileHost.ESCAPING_OS_RELEASE).unameMachine("x86_64\u001b]0;pwned\u0007\u009b2J");

        MeshCli.Run run = mesh.detect(hostile.host().target(), hostile.host().port());

        assertSafe(run);
        assertEquals(0, run.exitCode(), run.output());
        // the Linux plugin lower-cases ID, as os-release(5) defines it
        assertTrue(run.out().contains("distribution:    debian\\x1b[1a\\x1b[2k\\x1b[32mok\\x1b[0m\n"), run.out());
        assertTrue(run.out().contains("12\\x1b]52;c;ZWNobyBwd25lZAo=\\x07"), run.out());
        assertTrue(run.out().contains("x86_64\\x1b]0;pwned\\x07\\u009b2J"), run.out());
    }

    /**
     * issue 13 §4: deep JSON, JSON larger than the bound, and JSON with escape sequences from
     * {@code tailscale status --json}: the run ends with a step's failure (or goes on), never with a
     * stack trace, and prints nothing raw.
     */
    @ParameterizedTest
    @EnumSource(value = Answer.class, names = {"DEEP_JSON", "HUGE_JSON", "ESCAPES", "ENDLESS"})
    void tailscaleStatusAnswersAreBoundedAndNeutralised(Answer answer) {
        hostile.osRelease(HostileHost.ESCAPING_OS_RELEASE.replace("ID=debian\u001b", "ID=debian\nX=\u001b"))
                .tailscale(answer);

        MeshCli.Run run = mesh.provision(hostile.host(), "--skip-syncthing");

        assertSafe(run);
        assertTrue(run.exitCode() == 0 || run.exitCode() == 1, run.exitCode() + ": " + run.output());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(60)) < 0, "took " + run.elapsed());
    }

    /** A command that never exits: the run ends at mesh.timeouts.command, with a message, not a hang. */
    @Test
    void aTailscaleThatNeverAnswersEndsAtTheCommandTimeout() {
        hostile.tailscale(Answer.NEVER_EXITS);
        mesh.env.put("MESH_TIMEOUT_COMMAND", "3s");

        MeshCli.Run run = mesh.provision(hostile.host(), "--skip-syncthing");

        assertSafe(run);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.elapsed().compareTo(Duration.ofSeconds(45)) < 0, "took " + run.elapsed());
    }

    /** Whatever the host sent: no terminal control, no stack trace, bounded. */
    static void assertSafe(MeshCli.Run run) {
        String all = run.output();
        for (char c : all.toCharArray()) {
            assertFalse(c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f || c == '\u202e',
                    "raw control character U+" + Integer.toHexString(c) + " in:\n" + all);
        }
        assertFalse(all.contains("StackOverflowError") || all.contains("\tat ") || all.contains("Exception:"), all);
        assertTrue(all.length() < MAX_OUTPUT, "printed " + all.length() + " characters");
    }
}
