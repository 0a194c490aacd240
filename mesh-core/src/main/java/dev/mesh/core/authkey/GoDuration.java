package dev.mesh.core.authkey;

import java.time.Duration;

/**
 * Formats a duration for {@code headscale preauthkeys create --expiration}. Only hours, minutes and
 * seconds are used ("24h", "2160h", "1h30m"): older CLIs parse with Go's time.ParseDuration, which
 * has no "d", newer ones with a parser that accepts both.
 */
final class GoDuration {
    private GoDuration() {
    }

    /** {@code d} in whole seconds (any fraction is dropped), e.g. {@code 1h30m}. */
    static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) {
            throw new IllegalArgumentException("needs at least one second: " + d);
        }
        StringBuilder text = new StringBuilder();
        append(text, seconds / 3600, "h");
        append(text, seconds % 3600 / 60, "m");
        append(text, seconds % 60, "s");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(amount).append(unit);
        }
    }
}
