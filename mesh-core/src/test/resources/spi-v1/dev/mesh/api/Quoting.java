package dev.mesh.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Quoting for the shells a plugin talks to. Every value that goes into a remote command line passes
 * through one of these; no plugin concatenates raw strings into commands.
 */
public final class Quoting {
    private Quoting() {
    }

    /** One POSIX sh word: {@code it's} becomes {@code 'it'\''s'}. */
    public static String sh(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** A PowerShell single-quoted string literal: {@code it's} becomes {@code 'it''s'}. */
    public static String powerShellLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * One cmd.exe argument in double quotes. cmd.exe has no escape that works inside quotes for
     * {@code "} or {@code %}, so values containing them (or a line break) are refused: send such
     * work as a PowerShell script through {@link #powerShellEncoded} instead.
     *
     * @throws IllegalArgumentException when the value cannot be quoted safely
     */
    public static String cmd(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('%') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("value cannot be passed safely through cmd.exe (contains \", % or a line break)");
        }
        return "\"" + value + "\"";
    }

    /**
     * A command line that runs {@code script} in Windows PowerShell without any quoting problem:
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
