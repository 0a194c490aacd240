package dev.mesh.api.tailscale;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Tailscale client release, {@code major.minor.patch}, as {@code tailscale version} prints it on its
 * first line ({@code 1.80.2}; development builds add a suffix, {@code 1.81.0-dev20250101}) and
 * {@code tailscale status --json} in {@code Version} ({@code 1.80.2-t1234abcd}).
 */
public final class TailscaleVersion implements Comparable<TailscaleVersion> {
    private static final Pattern NUMBER = Pattern.compile("^v?(\\d{1,4})\\.(\\d{1,4})(?:\\.(\\d{1,6}))?(?![\\d.])");

    private final int major;
    private final int minor;
    private final int patch;

    private TailscaleVersion(int major, int minor, int patch) {
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    public static TailscaleVersion of(int major, int minor, int patch) {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("a version has no negative parts");
        }
        return new TailscaleVersion(major, minor, patch);
    }

    /**
     * The version at the start of {@code text} (its first line, surrounding blanks ignored), or empty
     * when it does not start with one.
     */
    public static Optional<TailscaleVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String first = text.strip().lines().findFirst().orElse("").strip();
        Matcher m = NUMBER.matcher(first);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new TailscaleVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
    }

    /** Whether this release is older than {@code other}. */
    public boolean olderThan(TailscaleVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(TailscaleVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailscaleVersion v && v.major == major && v.minor == minor && v.patch == patch;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch);
    }

    /** {@code 1.80.2}. */
    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
