package dev.mesh.core.provision;

import dev.mesh.api.DetectedOs;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one host.
 *
 * @param outcome success, manual step or failure
 * @param path    the states visited, in order, ending with a terminal state
 * @param os      what detection found, when it got that far
 */
public record ProvisioningReport(ProvisioningOutcome outcome, List<ProvisioningState> path, Optional<DetectedOs> os) {
    public ProvisioningReport {
        path = List.copyOf(path);
    }
}
