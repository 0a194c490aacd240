package dev.mesh.api;

import dev.mesh.api.tailscale.TailscaleReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HostStatusReport#statusReport} read on a host: its Tailscale client and node
 * ({@link TailscaleReport}), whether Syncthing is installed and running for the SSH login user, and
 * notes (e.g. {@code prepared: /usr/local/libexec/mesh/mesh-root}). Create with
 * {@link #builder(TailscaleReport)}; fields added later get builder methods.
 */
public final class StatusReport {
    private final TailscaleReport tailscale;
    private final boolean syncthingInstalled;
    private final boolean syncthingRunning;
    private final List<String> notes;

    private StatusReport(Builder b) {
        this.tailscale = b.tailscale;
        this.syncthingInstalled = b.syncthingInstalled;
        this.syncthingRunning = b.syncthingRunning;
        this.notes = List.copyOf(b.notes);
    }

    public static Builder builder(TailscaleReport tailscale) {
        return new Builder(tailscale);
    }

    public TailscaleReport tailscale() {
        return tailscale;
    }

    public boolean syncthingInstalled() {
        return syncthingInstalled;
    }

    public boolean syncthingRunning() {
        return syncthingRunning;
    }

    /** Other findings, one line each. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public String toString() {
        return "StatusReport[" + tailscale + ", syncthing " + (syncthingRunning ? "running" : syncthingInstalled
                ? "installed" : "not installed") + (notes.isEmpty() ? "" : ", " + notes) + "]";
    }

    /** Builds a {@link StatusReport}. */
    public static final class Builder {
        private final TailscaleReport tailscale;
        private boolean syncthingInstalled;
        private boolean syncthingRunning;
        private final List<String> notes = new ArrayList<>();

        private Builder(TailscaleReport tailscale) {
            this.tailscale = Objects.requireNonNull(tailscale, "tailscale");
        }

        /** Syncthing's binary is on the host; running: it runs for the login user (a service or a process). */
        public Builder syncthing(boolean installed, boolean running) {
            this.syncthingInstalled = installed || running;
            this.syncthingRunning = running;
            return this;
        }

        public Builder note(String note) {
            notes.add(Objects.requireNonNull(note, "note"));
            return this;
        }

        public StatusReport build() {
            return new StatusReport(this);
        }
    }
}
