package dev.mesh.core.authkey;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Headscale release number, from the output of {@code headscale version}: "v0.25.1" (up to about
 * 0.27), "headscale version v0.28.0" followed by commit and build lines (later), or a JSON object
 * with a {@code version} field.
 *
 * @param major e.g. 0
 * @param minor e.g. 26
 * @param patch e.g. 1 (0 when absent)
 */
record HeadscaleVersion(int major, int minor, int patch) implements Comparable<HeadscaleVersion> {
    /** From 0.26, {@code preauthkeys create --user} takes the numeric user id instead of the name. */
    static final HeadscaleVersion USER_ID_FLAG = new HeadscaleVersion(0, 26, 0);

    // not preceded by a letter, digit or dot, so "go1.24.2" on a "built with" line never matches
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** The first version number in {@code output}, or empty (e.g. for a "dev" build). */
    static Optional<HeadscaleVersion> parse(String output) {
        String text = output;
        Optional<Object> json = JsonText.parse(output);
        if (json.isPresent() && json.get() instanceof Map<?, ?> object && object.get("version") != null) {
            text = String.valueOf(object.get("version"));
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new HeadscaleVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
    }

    /** Whether {@code --user} wants the numeric id (0.26 and later). */
    boolean takesUserId() {
        return compareTo(USER_ID_FLAG) >= 0;
    }

    @Override
    public int compareTo(HeadscaleVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
