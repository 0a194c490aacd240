package dev.mesh.core.authkey;

/**
 * Headscale did not do what was asked (mint a key, list nodes, expire a key). The message says what
 * went wrong, naming what was run (the argument vector or the request, never a secret); {@link #kind()}
 * says what kind of failure it was, so callers can react without parsing messages, and
 * {@link Kind#hint()} what to do about it.
 */
public class AuthKeyException extends Exception {

    /** What kind of failure it was. {@link #unreachable()} kinds mean Headscale was never asked. */
    public enum Kind {
        /**
         * Headscale cannot be reached: connection refused, unknown host (DNS), the CLI's unix socket
         * missing or refusing, the SSH connection to the Headscale server failing.
         */
        UNREACHABLE(true, "Check that Headscale is running and reachable from here: mesh.headscale.url"
                + " (REST), mesh.headscale.ssh-host (ssh), or the socket of the headscale CLI (cli)."),
        /** A CLI call or a request ran past {@code mesh.headscale.timeout} and was stopped. */
        TIMED_OUT(true, "Check that the Headscale server is running, or raise mesh.headscale.timeout"
                + " (MESH_HEADSCALE_TIMEOUT)."),
        /** The headscale CLI (or sudo, or docker) is not installed where configured. */
        CLI_NOT_FOUND(true, "Set mesh.headscale.command (MESH_HEADSCALE_COMMAND) to the headscale CLI's path or"
                + " argument prefix (e.g. \"docker exec headscale headscale\"), or choose another"
                + " mesh.headscale.source."),
        /** {@code sudo -n} wanted a password. */
        SUDO_PASSWORD_REQUIRED(false, "Allow the headscale command without a password (a NOPASSWD rule in"
                + " /etc/sudoers.d), or set mesh.headscale.sudo = false if this user can reach Headscale's socket."),
        /** Headscale has no such user. */
        UNKNOWN_USER(false, "Create the user on the server (headscale users create NAME) or set"
                + " mesh.headscale.user (MESH_HEADSCALE_USER)."),
        /** The REST API refused the API key (401/403): wrong, expired or revoked. */
        UNAUTHORIZED(false, "Create an API key on the server (headscale apikeys create) and set"
                + " MESH_HEADSCALE_API_KEY or mesh.headscale.api-key-file."),
        /** The CLI ran and reported an error (Headscale refused the request). */
        CLI_FAILED(false, "See the headscale CLI's message above; run the same command on the server to check."),
        /** The REST API answered with an error status (Headscale refused the request). */
        SERVER_ERROR(false, "See the answer above and the Headscale server's log."),
        /** The answer held no key, node list or user list mesh could read, or exceeded a bound. */
        UNEXPECTED_OUTPUT(false, "Check that mesh.headscale.command / mesh.headscale.url lead to Headscale"
                + " 0.22 to 0.29.");

        private final boolean unreachable;
        private final String hint;

        Kind(boolean unreachable, String hint) {
            this.unreachable = unreachable;
            this.hint = hint;
        }

        /** Whether Headscale could not be reached at all (vs. reached and refused). */
        public boolean unreachable() {
            return unreachable;
        }

        /** What the operator can do, one or two sentences. */
        public String hint() {
            return hint;
        }
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

    /** Shorthand for {@code kind().unreachable()}: "Headscale unreachable" rather than a failed request. */
    public boolean unreachable() {
        return kind.unreachable();
    }
}
