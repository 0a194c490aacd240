package dev.mesh.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A value that must never be shown: a Headscale pre-auth key, an API key. {@link #toString()} hides
 * it, so a secret that slips into a log line or an exception message shows as {@code ****}. Call
 * {@link #reveal()} only to hand the value to the one place that needs it (a file with mode 0600,
 * an HTTP header), never to build a command line.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps {@code value}, which must not be blank. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret cannot be blank");
        }
        return new Secret(value);
    }

    /** The secret itself. */
    public String reveal() {
        return value;
    }

    /**
     * The secret as UTF-8 bytes followed by a newline: what a program reading it from its standard
     * input expects (e.g. {@code tailscale up --auth-key=file:/dev/stdin}).
     */
    public byte[] toInput() {
        return (value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code text} contains this secret; for checks that output is clean. */
    public boolean isIn(CharSequence text) {
        return text != null && text.toString().contains(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
