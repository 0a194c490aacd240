package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code mesh} main class in a JVM of its own (as PassphrasePromptTest runs it), so a test can
 * send it signals as a terminal or a service manager would: SIGINT (Ctrl-C), SIGTERM, SIGKILL. Same
 * isolated environment and arguments as {@link MeshCli}.
 */
final class MeshProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private MeshProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code mesh remote provision HOST EXTRA…} with {@code mesh}'s environment and configuration. */
    static MeshProcess provision(MeshCli mesh, LinuxHost host, String... extra) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "dev.mesh.cli.Main"));
        command.addAll(mesh.provisionArguments(host.target(), host.port(), extra));
        Path output = mesh.dir.resolve("mesh-process-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/bin:/bin");
        pb.environment().put("NO_COLOR", "1");
        pb.environment().putAll(mesh.env);
        try {
            return new MeshProcess(pb.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code signal} ({@code INT}, {@code TERM}, {@code KILL}) as kill(1) does. */
    void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, String.valueOf(process.pid())).inheritIO().start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -s " + signal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Its exit code, waiting up to {@code limit}; fails the test when it does not end. */
    int exitCode(Duration limit) {
        try {
            assertTrue(process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS), "mesh did not end: " + output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** Everything it printed so far (standard output and error). */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
