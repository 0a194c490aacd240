package dev.mesh.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Quoting for the shells a plugin talks to. Every value that goes into a remote command line passes
 * through one of these; no plugin concatenates raw strings into commands.
 */
public final class Quoting {
    private static final Pattern SAFE_SH_WORD = Pattern.compile("[A-Za-z0-9@%+=:,./_-]+");

    private Quoting() {
    }

    /** One POSIX sh word: {@code it's} becomes {@code 'it'\''s'}. */
    public static String sh(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /**
     * One POSIX sh word, quoted only when it has to be (as Python's {@code shlex.quote}): a value of
     * letters, digits and {@code @%+=:,./_-} stays as it is, anything else goes through {@link #sh}.
     * Command lines stay readable ({@code tailscale status --json}) and exactly as safe.
     */
    public static String shArgument(String value) {
        return !value.isEmpty() && SAFE_SH_WORD.matcher(value).matches() ? value : sh(value);
    }

    /** A PowerShell single-quoted string literal: {@code it's} becomes {@code 'it''s'}. */
    public static String powerShellLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * A command line that runs {@code script} in Windows PowerShell without any quoting problem (cmd.exe,
     * Windows OpenSSH's default shell, has no escape for {@code "} or {@code %} inside quotes, so
     * values never go through it):
     * {@code powershell -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>}.
     */
    public static String powerShellEncoded(String script) {
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + encoded;
    }

    /** Reverses {@link #powerShellEncoded}'s encoding of the script (for tests and diagnostics). */
    public static String decodePowerShell(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_16LE);
    }
}
