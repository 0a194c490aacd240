package dev.mesh.core.provision;

import java.time.Duration;
import java.util.Optional;

/**
 * A remote command running with its standard input held open by mesh ({@link HostConnection#hold}).
 * It ends when mesh closes that input, when mesh ends it, or when the SSH connection goes away (the
 * host's sshd then closes the command's input): nothing on the host outlives the run through it.
 */
public interface HeldCommand extends AutoCloseable {

    /**
     * The next line the command writes on standard output (without the line end), waiting up to
     * {@code timeout}; empty when the command ended first or the time ran out.
     */
    Optional<String> nextLine(Duration timeout);

    /** What the command wrote so far on standard output and error, for messages (bounded). */
    String output();

    /**
     * Closes its standard input, waits briefly for it to exit, then ends it on the host if it has
     * not. Never throws; calling it again does nothing.
     */
    @Override
    void close();
}
