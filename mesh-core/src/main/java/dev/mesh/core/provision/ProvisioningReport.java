package dev.mesh.core.provision;

import dev.mesh.api.DetectedOs;
import java.util.List;
import java.util.Optional;

/**
 * What happened to one host.
 *
 * @param outcome       success, manual step, failure, interruption or plan
 * @param path          the states visited, in order, ending with a terminal state
 * @param os            what detection found, when it got that far
 * @param keysLeftValid the pre-auth keys this run minted that Headscale would not expire at its end,
 *                      each named by {@link dev.mesh.core.authkey.MintedKey#describe()} (never by
 *                      value); the operator must expire them by hand. Usually empty
 */
public record ProvisioningReport(ProvisioningOutcome outcome, List<ProvisioningState> path, Optional<DetectedOs> os,
        List<String> keysLeftValid) {
    public ProvisioningReport {
        path = List.copyOf(path);
        keysLeftValid = List.copyOf(keysLeftValid);
    }

    /** A run that left no key valid. */
    public ProvisioningReport(ProvisioningOutcome outcome, List<ProvisioningState> path, Optional<DetectedOs> os) {
        this(outcome, path, os, List.of());
    }
}
