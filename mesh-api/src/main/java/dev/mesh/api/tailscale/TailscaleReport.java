package dev.mesh.api.tailscale;

import java.util.Objects;
import java.util.Optional;

/**
 * What a host's Tailscale CLI says about its node, read-only, for {@code mesh remote status} (SPI
 * 2.1): whether the CLI is installed, its version ({@code tailscale version}), whether tailscaled
 * answers, the node's status ({@code tailscale status --json}: BackendState, Tailscale addresses,
 * health) and its preferences with the control URL ({@code tailscale debug prefs}, best effort).
 * Made by {@link Tailscale#report()} or {@link #notInstalled()}.
 */
public final class TailscaleReport {
    private final boolean installed;
    private final String version;
    private final TailscaleStatus status;
    private final Optional<NodePreferences> preferences;

    private TailscaleReport(boolean installed, String version, TailscaleStatus status, Optional<NodePreferences> preferences) {
        this.installed = installed;
        this.version = Objects.requireNonNull(version, "version");
        this.status = Objects.requireNonNull(status, "status");
        this.preferences = Objects.requireNonNull(preferences, "preferences");
    }

    /** The Tailscale CLI is not on the host. */
    public static TailscaleReport notInstalled() {
        return new TailscaleReport(false, "", TailscaleStatus.unreadable("Tailscale is not installed"), Optional.empty());
    }

    /**
     * An installed client.
     *
     * @param version     the first line of {@code tailscale version}, empty when unknown
     * @param status      the node's status ({@link TailscaleStatus#unreadable} when tailscaled does not answer)
     * @param preferences the node's preferences, empty when they could not be read
     */
    public static TailscaleReport installed(String version, TailscaleStatus status, Optional<NodePreferences> preferences) {
        return new TailscaleReport(true, version, status, preferences);
    }

    public boolean installed() {
        return installed;
    }

    /** e.g. {@code 1.80.2}; empty when not installed or unknown. */
    public String version() {
        return version;
    }

    /** Whether tailscaled answered {@code tailscale status}. */
    public boolean daemonRunning() {
        return installed && status.problem().isEmpty();
    }

    public TailscaleStatus status() {
        return status;
    }

    public Optional<NodePreferences> preferences() {
        return preferences;
    }

    /** The control server the node uses ({@code ControlURL}), empty when unknown or none. */
    public Optional<String> controlUrl() {
        return preferences.flatMap(NodePreferences::controlUrl);
    }

    /**
     * Whether the node holds a node key: any state but NeedsLogin and NoState (Stopped, after
     * {@code tailscale down}, is still logged in). Unknown (tailscaled not answering) reads as false.
     */
    public boolean loggedIn() {
        String state = status.backendState();
        return daemonRunning() && !state.equals("NeedsLogin") && !state.equals("NoState");
    }

    @Override
    public String toString() {
        return "TailscaleReport[" + (installed ? version + " " + status : "not installed") + "]";
    }
}
