package dev.mesh.api;

/**
 * What a command run on the target host produced.
 *
 * @param exitCode the exit status, or -1 when the command timed out or the channel closed without one
 * @param stdout   standard output, decoded as UTF-8
 * @param stderr   standard error, decoded as UTF-8
 * @param timedOut whether the command was stopped because it ran past its timeout
 */
public record CommandResult(int exitCode, String stdout, String stderr, boolean timedOut) {

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
}
