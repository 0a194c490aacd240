package dev.mesh.core.ssh;

import dev.mesh.api.TransportException;

/**
 * An SSH connection could not be set up: the host is unreachable, refused the connection, did not
 * answer in time, presented an unacceptable host key, or did not accept any of our keys. The
 * message says which, in words for an operator; the cause (if any) is kept for {@code --verbose}.
 */
public class SshConnectException extends TransportException {
    public SshConnectException(String message) {
        super(message);
    }

    public SshConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
