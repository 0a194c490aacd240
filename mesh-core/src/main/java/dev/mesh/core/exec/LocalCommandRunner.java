package dev.mesh.core.exec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a local program with an argument vector (never a shell string), a timeout and captured
 * output. Standard input is closed at once, so a program that asks a question (e.g. sudo for a
 * password) fails instead of hanging. The environment is this process's environment plus the
 * runner's fixed additions plus each call's additions.
 *
 * <p>The watchdog kills the program itself, not programs it started; if such a child keeps the
 * output pipes open, Commons Exec stops reading a few seconds after the program ended
 * ({@link #PIPE_DRAIN_LIMIT} plus its own fixed two seconds per pipe).
 */
public final class LocalCommandRunner {
    /** How long to keep reading output after the program ended (a lingering child may hold it). */
    static final Duration PIPE_DRAIN_LIMIT = Duration.ofMillis(100);

    private static final Logger LOG = LoggerFactory.getLogger(LocalCommandRunner.class);

    private final Map<String, String> fixedEnv;

    /** A runner that passes this process's environment unchanged. */
    public LocalCommandRunner() {
        this(Map.of());
    }

    /** A runner that adds {@code fixedEnv} to the environment of every program it runs. */
    public LocalCommandRunner(Map<String, String> fixedEnv) {
        this.fixedEnv = Map.copyOf(fixedEnv);
    }

    /**
     * Runs {@code argv} and waits for it, at most {@code timeout}.
     *
     * @param argv     the program and its arguments, passed verbatim (no quoting, no splitting)
     * @param timeout  after this the program is killed and the result says {@code timedOut}
     * @param extraEnv variables added to the environment for this call
     * @throws LocalCommandException when the program cannot be started (e.g. not on PATH)
     */
    public LocalResult run(List<String> argv, Duration timeout, Map<String, String> extraEnv) {
        Objects.requireNonNull(timeout, "timeout");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        CommandLine commandLine = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> commandLine.addArgument(arg, false));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PumpStreamHandler streams = new PumpStreamHandler(out, err);
        streams.setStopTimeout(PIPE_DRAIN_LIMIT);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null); // read the exit code ourselves instead of catching exceptions

        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(fixedEnv);
        env.putAll(extraEnv);
        LOG.debug("running {} (timeout {})", argv.get(0), timeout);
        int exitCode;
        try {
            exitCode = executor.execute(commandLine, env);
        } catch (ExecuteException e) {
            // only the pipe-drain limit raises this (exit values are not checked)
            if (watchdog.killedProcess()) {
                return result(-1, out, err, true);
            }
            throw new LocalCommandException(argv.get(0), false, argv.get(0)
                    + ": ended but a program it started kept its output open; its exit code is unknown", e);
        } catch (IOException e) {
            throw cannotStart(argv.get(0), e);
        }
        return result(exitCode, out, err, watchdog.killedProcess());
    }

    private static LocalResult result(int exitCode, ByteArrayOutputStream out, ByteArrayOutputStream err,
            boolean timedOut) {
        return new LocalResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                timedOut);
    }

    private static LocalCommandException cannotStart(String program, IOException e) {
        String detail = String.valueOf(e.getMessage());
        // ProcessBuilder reports a missing program as "error=2, No such file or directory" (ENOENT)
        boolean notFound = detail.contains("error=2,") || detail.contains("No such file");
        if (notFound) {
            String where = program.contains("/") ? "no such file" : "command not found on PATH";
            return new LocalCommandException(program, true, program + ": " + where, e);
        }
        return new LocalCommandException(program, false, program + ": cannot be started: " + detail, e);
    }
}
