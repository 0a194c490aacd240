package dev.mesh.core.exec;

import java.util.Objects;

/**
 * What a local program did.
 *
 * @param exitCode the exit code; meaningless when {@code timedOut}
 * @param stdout   everything it wrote to standard output (UTF-8)
 * @param stderr   everything it wrote to standard error (UTF-8)
 * @param timedOut true when the watchdog killed it because it ran past its timeout
 */
public record LocalResult(int exitCode, String stdout, String stderr, boolean timedOut) {
    public LocalResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** True when the program finished by itself with exit code 0. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
