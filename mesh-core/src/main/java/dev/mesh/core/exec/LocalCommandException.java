package dev.mesh.core.exec;

/**
 * A local program could not be started at all, e.g. because it is not installed. A program that
 * starts and fails is not an exception: it is a {@link LocalResult} with a non-zero exit code.
 */
public class LocalCommandException extends RuntimeException {
    private final String program;
    private final boolean notFound;

    public LocalCommandException(String program, boolean notFound, String message, Throwable cause) {
        super(message, cause);
        this.program = program;
        this.notFound = notFound;
    }

    /** The program as it was given ({@code argv[0]}). */
    public String program() {
        return program;
    }

    /** True when the program does not exist (not on PATH, or no such file). */
    public boolean notFound() {
        return notFound;
    }
}
