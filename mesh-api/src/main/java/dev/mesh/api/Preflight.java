package dev.mesh.api;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OsProvisioner#inspect} (PREFLIGHT) found, and what it changed to make the host ready
 * for {@code tailscale up} before any key is minted (tailscaled started, the client upgraded, a
 * joined node's preferences set). Create one with the factories and {@link #withChanges}; fields
 * added later get defaults, so a compiled plugin keeps working.
 */
public final class Preflight {
    private final boolean tailscaleInstalled;
    private final boolean joined;
    private final String summary;
    private final List<String> changes;

    private Preflight(boolean tailscaleInstalled, boolean joined, String summary, List<String> changes) {
        this.tailscaleInstalled = tailscaleInstalled;
        this.joined = joined;
        this.summary = Objects.requireNonNull(summary, "summary");
        this.changes = List.copyOf(changes);
    }

    /** Tailscale is not on the host: INSTALLING runs. */
    public static Preflight notInstalled(String summary) {
        return new Preflight(false, false, summary, List.of());
    }

    /** Tailscale is installed but not joined to this run's login server: CONNECTING runs. */
    public static Preflight installed(String summary) {
        return new Preflight(true, false, summary, List.of());
    }

    /**
     * tailscaled is Running and logged in to this run's login server: no key is minted, no {@code up}
     * runs (preferences that differ are set in PREFLIGHT, see {@link #changes()}).
     */
    public static Preflight joined(String summary) {
        return new Preflight(true, true, summary, List.of());
    }

    /** The same finding, with what PREFLIGHT changed on the host, one line each (SPI 2.1). */
    public Preflight withChanges(List<String> what) {
        return new Preflight(tailscaleInstalled, joined, summary, what);
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

    /**
     * What PREFLIGHT changed on the host, e.g. {@code tailscaled started (systemd)} or {@code tailscale
     * set --accept-dns=false}; empty when it changed nothing. In a dry run
     * ({@link ProvisioningOptions#dryRun()}) nothing is changed and this says what a real run's
     * PREFLIGHT would change instead, e.g. {@code start tailscaled}. Since SPI 2.1.
     */
    public List<String> changes() {
        return changes;
    }

    /** Whether PREFLIGHT changed anything on the host (in a dry run: would change). */
    public boolean changed() {
        return !changes.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Preflight p && p.tailscaleInstalled == tailscaleInstalled && p.joined == joined
                && p.summary.equals(summary) && p.changes.equals(changes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tailscaleInstalled, joined, summary, changes);
    }

    @Override
    public String toString() {
        return "Preflight[" + (joined ? "joined" : tailscaleInstalled ? "installed" : "not installed") + ": " + summary
                + (changes.isEmpty() ? "" : ", changed " + changes) + "]";
    }
}
