package dev.mesh.api;

/** The SSH connection failed while running a command or transferring a file. */
public class TransportException extends RuntimeException {
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    public TransportException(String message) {
        super(message);
    }
}
