package dev.mesh.core.ssh;

import dev.mesh.api.TransportException;

/**
 * An SSH connection could not be set up. {@link #kind()} says why, the message says it in words for
 * an operator, and {@link #hint()} gives the next step as a runnable command with the real user,
 * host and port (e.g. {@code ssh -p 2222 steve@10.0.0.5}). The cause (if any) is kept for
 * {@code --verbose}.
 */
public class SshConnectException extends TransportException {
    /** Why the connection failed; each kind has its own hint. */
    public enum Kind {
        /** Nothing listens on the port (TCP RST): sshd not running, or the wrong port. */
        REFUSED,
        /** No route to the host or network. */
        UNREACHABLE,
        /** No TCP answer, or no SSH handshake or login answer, within the connect timeout. */
        TIMED_OUT,
        /** The host name does not resolve. */
        DNS,
        /** The host presents a key that known_hosts does not record for it. */
        HOST_KEY_CHANGED,
        /** StrictHostKeyChecking yes, and known_hosts has no entry for the host. */
        HOST_KEY_UNKNOWN,
        /** The host's key is marked @revoked. */
        HOST_KEY_REVOKED,
        /** The server accepted none of the keys offered. */
        AUTHENTICATION,
        /** Anything else: a protocol error, an unreadable known_hosts file. */
        OTHER
    }

    private final Kind kind;
    private volatile String hint = "";

    public SshConnectException(String message) {
        this(Kind.OTHER, message, null);
    }

    public SshConnectException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public SshConnectException(Kind kind, String message) {
        this(kind, message, null);
    }

    public SshConnectException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** What to do next, with a runnable command; empty when none was attached. */
    public String hint() {
        return hint;
    }

    /** Attaches the hint (done once, where the real host is known). */
    SshConnectException withHint(String text) {
        this.hint = text;
        return this;
    }
}
