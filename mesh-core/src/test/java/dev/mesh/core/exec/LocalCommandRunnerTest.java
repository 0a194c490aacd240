package dev.mesh.core.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCommandRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final LocalCommandRunner runner = new LocalCommandRunner();

    @Test
    void capturesStdoutStderrAndExitCode() {
        LocalResult r = runner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), TIMEOUT, Map.of());
        assertEquals(new LocalResult(3, "out\n", "err\n", false), r);
        assertFalse(r.succeeded());
    }

    @Test
    void passesArgumentsVerbatimWithoutQuotingOrExpansion() {
        List<String> args = List.of("a b", "'single'", "\"double\"", "${HOME}", "$(id)", "*", "");
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh"));
        argv.addAll(args);
        LocalResult r = runner.run(argv, TIMEOUT, Map.of());
        assertEquals("[a b]\n['single']\n[\"double\"]\n[${HOME}]\n[$(id)]\n[*]\n[]\n", r.stdout());
        assertTrue(r.succeeded());
    }

    @Test
    void addsFixedAndPerCallEnvironmentOnTopOfTheInheritedOne() {
        LocalCommandRunner withEnv = new LocalCommandRunner(Map.of("MESH_A", "fixed", "MESH_B", "fixed"));
        LocalResult r = withEnv.run(List.of("sh", "-c", "echo $MESH_A $MESH_B ${PATH:+has-path}"), TIMEOUT,
                Map.of("MESH_B", "call"));
        assertEquals("fixed call has-path\n", r.stdout());
    }

    @Test
    void closesStandardInputSoAQuestionFailsInsteadOfHanging() {
        LocalResult r = runner.run(List.of("sh", "-c", "read answer || echo no-input"), TIMEOUT, Map.of());
        assertEquals("no-input\n", r.stdout());
    }

    @Test
    void killsAProgramThatRunsPastItsTimeoutAndSaysSo() {
        long start = System.nanoTime();
        LocalResult r = runner.run(List.of("sleep", "30"), Duration.ofMillis(300), Map.of());
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0);
    }

    @Test
    void stopsWaitingForOutputHeldOpenByAChildOfAKilledProgram() {
        long start = System.nanoTime();
        LocalResult r = runner.run(List.of("sh", "-c", "echo started; sleep 30; echo never"), Duration.ofMillis(300),
                Map.of());
        assertTrue(r.timedOut());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(8)) < 0);
    }

    @Test
    void aProgramNotOnPathIsAClearException() {
        LocalCommandException e = assertThrows(LocalCommandException.class,
                () -> runner.run(List.of("mesh-no-such-program-xyz", "version"), TIMEOUT, Map.of()));
        assertEquals("mesh-no-such-program-xyz: command not found on PATH", e.getMessage());
        assertTrue(e.notFound());
    }

    @Test
    void aMissingPathIsAClearException(@TempDir Path dir) {
        String missing = dir.resolve("headscale").toString();
        LocalCommandException e = assertThrows(LocalCommandException.class,
                () -> runner.run(List.of(missing), TIMEOUT, Map.of()));
        assertEquals(missing + ": no such file", e.getMessage());
        assertTrue(e.notFound());
    }

    @Test
    void aFileThatIsNotExecutableCannotBeStarted(@TempDir Path dir) throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");
        LocalCommandException e = assertThrows(LocalCommandException.class,
                () -> runner.run(List.of(script.toString()), TIMEOUT, Map.of()));
        assertFalse(e.notFound());
        assertTrue(e.getMessage().startsWith(script + ": cannot be started"), e.getMessage());
    }

    @Test
    void rejectsAnEmptyArgvAndANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(), TIMEOUT, Map.of()));
        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of("true"), Duration.ZERO, Map.of()));
    }
}
