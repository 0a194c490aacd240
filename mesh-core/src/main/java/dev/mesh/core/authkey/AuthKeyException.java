package dev.mesh.core.authkey;

/**
 * Headscale did not give a key. The message says what went wrong and which setting fixes it; it
 * never contains a key.
 */
public class AuthKeyException extends Exception {

    /** What kind of failure it was, so callers can react without parsing messages. */
    public enum Kind {
        /** {@code sudo -n} wanted a password. */
        SUDO_PASSWORD_REQUIRED,
        /** The headscale CLI (or sudo) is not installed where configured. */
        CLI_NOT_FOUND,
        /** Headscale has no such user. */
        UNKNOWN_USER,
        /** A CLI call ran past {@code mesh.headscale.timeout} and was killed. */
        TIMED_OUT,
        /** The CLI reported an error. */
        CLI_FAILED,
        /** The CLI claimed success but its output held no key. */
        UNEXPECTED_OUTPUT,
        /** The Headscale server (REST API or SSH host) could not be reached. */
        SERVER_UNREACHABLE,
        /** The REST API refused the API key (401): wrong, expired or revoked. */
        UNAUTHORIZED,
        /** The REST API answered with an error. */
        SERVER_ERROR
    }

    private final Kind kind;

    public AuthKeyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public AuthKeyException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
