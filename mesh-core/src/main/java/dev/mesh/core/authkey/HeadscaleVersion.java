package dev.mesh.core.authkey;

import dev.mesh.core.json.JsonObjects;
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

    /** From 0.28, keys are expired by their id ({@code preauthkeys expire --id ID}, REST {@code {"id"}}). */
    static final HeadscaleVersion EXPIRE_BY_ID = new HeadscaleVersion(0, 28, 0);
    /** Only this much of the answer is searched: a version is one short line. */
    static final int MAX_SEARCHED = 4096;

    /**
     * The first version number in {@code output} (its first {@value #MAX_SEARCHED} characters, or its
     * JSON {@code version} field), or empty: for a "dev" build, and for numbers beyond int.
     */
    static Optional<HeadscaleVersion> parse(String output) {
        String text = output.length() > MAX_SEARCHED ? output.substring(0, MAX_SEARCHED) : output;
        try {
            Optional<Object> json = JsonObjects.find("headscale version", text);
            if (json.isPresent() && json.get() instanceof Map<?, ?> object && object.get("version") != null) {
                text = String.valueOf(object.get("version"));
            }
        } catch (IllegalArgumentException e) {
            // too deep to be a version object: search the text itself
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
            return Optional.of(new HeadscaleVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    patch));
        } catch (NumberFormatException e) {
            return Optional.empty(); // digits beyond int: no release is numbered so
        }
    }

    /** Whether keys are expired by id (0.28 and later) rather than by user and key. */
    boolean expiresById() {
        return compareTo(EXPIRE_BY_ID) >= 0;
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
