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
     * @param step    what was run, for the message, e.g. {@code headscale users list}
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
            return new AuthKeyException(Kind.SUDO_PASSWORD_REQUIRED, "`sudo -n " + step
                    + "`: sudo needs a password. Allow this command without one (a NOPASSWD rule in /etc/sudoers.d),"
                    + " or set mesh.headscale.sudo = false (MESH_HEADSCALE_SUDO=false) if this user can reach the"
                    + " Headscale socket itself");
        }
        if (sudo && lower.startsWith("sudo:") && lower.contains("command not found")) {
            return new AuthKeyException(Kind.CLI_NOT_FOUND, "`sudo -n " + step + "`: " + detail
                    + "; sudo searches only its secure_path, so set mesh.headscale.command (MESH_HEADSCALE_COMMAND)"
                    + " to the full path of headscale");
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
