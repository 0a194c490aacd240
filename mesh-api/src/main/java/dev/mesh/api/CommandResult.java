package dev.mesh.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What a command run on the target host produced. Create one with {@link #of} or {@link #timedOut};
 * the four-argument constructor stays for mesh-core's SSH client and will not change.
 */
public final class CommandResult {
    /** How many lines of output {@link #tail()} keeps. */
    public static final int TAIL_LINES = 25;

    private final int exitCode;
    private final String stdout;
    private final String stderr;
    private final boolean timedOut;

    /**
     * @param exitCode the exit status, or -1 when the command timed out or the channel closed without one
     * @param stdout   standard output, decoded as UTF-8
     * @param stderr   standard error, decoded as UTF-8
     * @param timedOut whether the command was stopped because it ran past its timeout
     */
    public CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {
        this.exitCode = exitCode;
        this.stdout = Objects.requireNonNull(stdout, "stdout");
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.timedOut = timedOut;
    }

    /** A command that ran to its end with {@code exitCode}. */
    public static CommandResult of(int exitCode, String stdout, String stderr) {
        return new CommandResult(exitCode, stdout, stderr, false);
    }

    /** A command stopped at its timeout, with what it printed until then. */
    public static CommandResult timedOut(String stdout, String stderr) {
        return new CommandResult(-1, stdout, stderr, true);
    }

    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    public boolean timedOut() {
        return timedOut;
    }

    /** True when the command ran to completion with exit status 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /** Standard output with surrounding whitespace removed. */
    public String out() {
        return stdout.strip();
    }

    /** Standard output and standard error together, trimmed: what a person wants to see on failure. */
    public String combinedOutput() {
        String both = (stdout.strip() + "\n" + stderr.strip()).strip();
        return timedOut ? (both.isEmpty() ? "command timed out" : both + "\n(command timed out)") : both;
    }

    /**
     * The last {@value #TAIL_LINES} lines of {@link #combinedOutput()} ("..." first when lines were
     * dropped), then {@code (exit status N)}: the detail of a failure message.
     */
    public String tail() {
        String[] lines = combinedOutput().split("\\R");
        int from = Math.max(0, lines.length - TAIL_LINES);
        String tail = String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
        String exit = timedOut ? "" : "\n(exit status " + exitCode + ")";
        return ((from > 0 ? "...\n" : "") + tail).strip() + exit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandResult r && r.exitCode == exitCode && r.timedOut == timedOut
                && r.stdout.equals(stdout) && r.stderr.equals(stderr);
    }

    @Override
    public int hashCode() {
        return Objects.hash(exitCode, stdout, stderr, timedOut);
    }

    @Override
    public String toString() {
        return "CommandResult[exit " + exitCode + (timedOut ? ", timed out" : "") + "]";
    }
}
