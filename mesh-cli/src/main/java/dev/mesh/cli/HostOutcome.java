package dev.mesh.cli;

import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningState;
import java.util.List;
import java.util.Locale;

/** How one host's run ended, in the words of the summary, the live view and the JSON {@code outcome}. */
enum HostOutcome {
    SUCCESS, PLANNED, FAILED, MANUAL, INTERRUPTED, NOT_STARTED;

    static HostOutcome of(FleetRun.HostResult result) {
        return result.outcome().map(HostOutcome::of).orElse(NOT_STARTED);
    }

    static HostOutcome of(ProvisioningOutcome outcome) {
        if (outcome instanceof ProvisioningOutcome.Success) {
            return SUCCESS;
        }
        if (outcome instanceof ProvisioningOutcome.Planned) {
            return PLANNED;
        }
        if (outcome instanceof ProvisioningOutcome.ManualNeeded) {
            return MANUAL;
        }
        if (outcome instanceof ProvisioningOutcome.Interrupted) {
            return INTERRUPTED;
        }
        return FAILED;
    }

    /** {@code success}, {@code planned}, {@code failed}, {@code manual}, {@code interrupted}, {@code not-started}. */
    String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The exit code of a run whose hosts ended so: 130 stopped, 1 any failed, 3 a manual step, else 0 (also planned). */
    static int exitCode(List<HostOutcome> outcomes, boolean stopped) {
        if (stopped || outcomes.contains(INTERRUPTED)) {
            return ExitCodes.INTERRUPTED;
        }
        if (outcomes.contains(FAILED)) {
            return ExitCodes.FAILURE;
        }
        return outcomes.contains(MANUAL) ? ExitCodes.MANUAL_STEP : ExitCodes.OK;
    }

    /** Whether a run that took {@code path} may have changed the host (it reached a state that changes things). */
    static boolean mayHaveChanged(ProvisioningOutcome outcome, List<ProvisioningState> path) {
        if (outcome instanceof ProvisioningOutcome.Success s) {
            return s.changed();
        }
        return path.contains(ProvisioningState.INSTALLING) || path.contains(ProvisioningState.CONNECTING)
                || path.contains(ProvisioningState.SYNCTHING) || path.contains(ProvisioningState.PREPARING);
    }

    /** The state whose title {@code title} is (the listener hears titles), or null. */
    static ProvisioningState state(String title) {
        for (ProvisioningState s : ProvisioningState.values()) {
            if (s.title().equals(title)) {
                return s;
            }
        }
        return null;
    }
}
