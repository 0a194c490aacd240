package dev.mesh.core.ssh;

import dev.mesh.api.TransportException;

/**
 * A remote command did not run to its end because mesh stopped it: the calling thread was
 * interrupted, or {@link SshConnection#stopCommands()} was called (Ctrl-C). The command was ended
 * on the host (TERM, then KILL); the message says so, or that the host did not answer.
 */
public class CommandStoppedException extends TransportException {
    public CommandStoppedException(String message) {
        super(message);
    }
}
