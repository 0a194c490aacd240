package dev.mesh.api;

import java.util.Objects;

/**
 * What {@link OsProvisioner#inspect} (PREFLIGHT) found before any change is made. Create one with
 * the factories; fields added later get defaults, so a compiled plugin keeps working.
 */
public final class Preflight {
    private final boolean tailscaleInstalled;
    private final boolean joined;
    private final String summary;

    private Preflight(boolean tailscaleInstalled, boolean joined, String summary) {
        this.tailscaleInstalled = tailscaleInstalled;
        this.joined = joined;
        this.summary = Objects.requireNonNull(summary, "summary");
    }

    /** Tailscale is not on the host: INSTALLING runs. */
    public static Preflight notInstalled(String summary) {
        return new Preflight(false, false, summary);
    }

    /** Tailscale is installed but not joined to this run's login server: CONNECTING runs. */
    public static Preflight installed(String summary) {
        return new Preflight(true, false, summary);
    }

    /**
     * tailscaled is Running and logged in to this run's login server: no key is minted and nothing
     * about Tailscale changes.
     */
    public static Preflight joined(String summary) {
        return new Preflight(true, true, summary);
    }

    /** Whether the Tailscale CLI is already on the host. */
    public boolean tailscaleInstalled() {
        return tailscaleInstalled;
    }

    /** Whether the host is already joined to this run's login server. */
    public boolean joined() {
        return joined;
    }

    /** A line for the operator, e.g. "Tailscale 1.80.2 installed, NeedsLogin". */
    public String summary() {
        return summary;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preflight p && p.tailscaleInstalled == tailscaleInstalled && p.joined == joined
                && p.summary.equals(summary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tailscaleInstalled, joined, summary);
    }

    @Override
    public String toString() {
        return "Preflight[" + (joined ? "joined" : tailscaleInstalled ? "installed" : "not installed") + ": " + summary + "]";
    }
}
