package dev.mesh.cli;

import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningOutcome;
import java.time.Duration;
import java.util.Locale;

/** The words for a host's outcome, shared by the views and the summary. */
final class FleetText {
    private FleetText() {
    }

    /** "on the mesh: 100.64.0.7", "failed at PREFLIGHT: sudo requires password", "not started", … */
    static String outcome(FleetRun.HostResult result) {
        if (result.outcome().isEmpty()) {
            return "not started (stopped before its turn)";
        }
        ProvisioningOutcome o = result.outcome().get();
        if (o instanceof ProvisioningOutcome.Success s) {
            if (s.tailscaleIp().isEmpty()) {
                return s.changed() ? "done" : "nothing to change";
            }
            return s.changed() ? "on the mesh: " + s.tailscaleIp()
                    : "already on the mesh: " + s.tailscaleIp() + ", nothing changed";
        }
        if (o instanceof ProvisioningOutcome.Planned p) {
            return "dry run, nothing changed: " + (p.actions().isEmpty() ? "a run would change nothing"
                    : p.actions().size() + (p.actions().size() == 1 ? " action" : " actions") + " planned (see below)");
        }
        if (o instanceof ProvisioningOutcome.ManualNeeded) {
            return "manual step needed (see below)";
        }
        if (o instanceof ProvisioningOutcome.Interrupted i) {
            return "interrupted during " + i.step();
        }
        ProvisioningOutcome.Failed f = (ProvisioningOutcome.Failed) o;
        return "failed at " + f.step() + ": " + f.reason().message();
    }

    /** The mark for an outcome: ✓ success or planned, ✗ failed, ⚠ manual or interrupted, {@code -} not started. */
    static String mark(HostOutcome outcome, Markers marks) {
        return switch (outcome) {
            case SUCCESS, PLANNED -> marks.ok();
            case FAILED -> marks.error();
            case MANUAL, INTERRUPTED -> marks.warn();
            case NOT_STARTED -> "-";
        };
    }

    /** {@code 850ms}, {@code 4.2s}, {@code 1m05s}. */
    static String elapsed(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%dm%02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
