package dev.mesh.core.authkey;

import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.exec.LocalResult;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns a failed headscale CLI call into an {@link AuthKeyException} that says what to fix. Only
 * called for calls that produced no key, so quoting their output cannot leak one.
 */
final class HeadscaleCliFailures {
    private static final int MAX_DETAIL = 400;

    private HeadscaleCliFailures() {
    }

    /**
     * @param step    what was run, for the message: the argument vector without secrets, e.g.
     *                {@code sudo -n headscale users list -o json}
     * @param result  what it did
     * @param sudo    whether it ran under {@code sudo -n}
     * @param timeout the time limit it had
     */
    static AuthKeyException of(String step, LocalResult result, boolean sudo, Duration timeout) {
        if (result.timedOut()) {
            return new AuthKeyException(Kind.TIMED_OUT, "`" + step + "` did not finish within " + human(timeout)
                    + " and was stopped; check that the Headscale server is running, or raise mesh.headscale.timeout"
                    + " (MESH_HEADSCALE_TIMEOUT)");
        }
        String detail = detail(result);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (sudo && (lower.contains("a password is required") || lower.contains("a terminal is required"))) {
            return new AuthKeyException(Kind.SUDO_PASSWORD_REQUIRED, "`" + step
                    + "`: sudo needs a password. Allow this command without one (a NOPASSWD rule in /etc/sudoers.d),"
                    + " or set mesh.headscale.sudo = false (MESH_HEADSCALE_SUDO=false) if this user can reach the"
                    + " Headscale socket itself");
        }
        if (sudo && lower.startsWith("sudo:") && lower.contains("command not found")) {
            return new AuthKeyException(Kind.CLI_NOT_FOUND, "`" + step + "`: " + detail
                    + "; sudo searches only its secure_path, so set mesh.headscale.command (MESH_HEADSCALE_COMMAND)"
                    + " to the full path of headscale");
        }
        if (isUnreachable(lower)) {
            return new AuthKeyException(Kind.UNREACHABLE, "`" + step + "` cannot reach the Headscale server: " + detail
                    + "; check that Headscale is running (its socket exists) and that mesh.headscale.command"
                    + " (MESH_HEADSCALE_COMMAND) reaches it");
        }
        if (lower.contains("strconv.parseuint")) {
            return new AuthKeyException(Kind.CLI_FAILED, "`" + step + "` failed: " + detail
                    + " (this Headscale wants a numeric user id, but it reported a version that takes a name)");
        }
        if (lower.contains("user not found") || lower.contains("record not found")) {
            return new AuthKeyException(Kind.UNKNOWN_USER, "`" + step + "` failed: " + detail
                    + "; create the user on the server (headscale users create NAME) or set mesh.headscale.user"
                    + " (MESH_HEADSCALE_USER)");
        }
        String exit = result.exitCode() == 0 ? "" : " (exit " + result.exitCode() + ")";
        return new AuthKeyException(Kind.CLI_FAILED, "`" + step + "` failed" + exit + ": "
                + (detail.isEmpty() ? "no error message" : detail));
    }

    /**
     * The CLI could not talk to the server: its gRPC dial to the unix socket failed ("Could not
     * connect: dial unix /var/run/headscale/headscale.sock: connect: no such file or directory" or
     * "connection refused"), or the container runtime in the command prefix has no such container or
     * no daemon.
     */
    static boolean isUnreachable(String lower) {
        return lower.contains("could not connect") || lower.contains("connect: connection refused")
                || (lower.contains(".sock") && lower.contains("no such file or directory"))
                || lower.contains("context deadline exceeded") || lower.contains("no such container")
                || (lower.contains("is not running") && lower.contains("container"))
                || lower.contains("cannot connect to the docker daemon");
    }

    /** The error message: the JSON {@code error} field if any, else stderr, else stdout; shortened. */
    static String detail(LocalResult result) {
        String text = HeadscaleCliOutput.error(result.stderr())
                .or(() -> HeadscaleCliOutput.error(result.stdout()))
                .orElse(result.stderr().isBlank() ? result.stdout() : result.stderr())
                .strip().replaceAll("\\s*\\R\\s*", " | ");
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + "s" : d.toMillis() + "ms";
    }
}
