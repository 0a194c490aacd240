package dev.mesh.core.provision;

import dev.mesh.api.Preflight;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.core.authkey.KeyPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a real run would do on a host a dry run looked at ({@code --dry-run}): what PREFLIGHT would
 * have changed ({@link Preflight#changes()}: start tailscaled, upgrade the client, {@code tailscale
 * set}), then the steps the sequence would visit after PREFLIGHT and REGISTRY_CHECK, one line each, in
 * order. {@code tailscale up} is shown with this run's preferences (an OS may add its own flags, e.g.
 * Windows' {@code --unattended}; on a node with Tailscale, the preferences it has that this run keeps,
 * and {@code --force-reauth} for a node on another control server); the key is never in it: it goes
 * on the command's standard input.
 */
final class DryRunPlan {
    private DryRunPlan() {
    }

    /**
     * @param onTheMesh       the host is joined and Headscale backs it: Tailscale is left as it is
     * @param confirmsNodes   NODE_CONFIRMING would run (Headscale's node list is configured)
     * @param syncthingLacked the plugin cannot install Syncthing: what it says instead, or empty
     */
    static List<String> actions(ProvisioningRequest request, StepTimeouts timeouts, Preflight preflight,
                                boolean onTheMesh, boolean confirmsNodes, Optional<String> syncthingLacked) {
        List<String> actions = new ArrayList<>(preflight.changes()); // what PREFLIGHT would have changed
        if (!onTheMesh) {
            actions.add("mint a pre-auth key: " + describe(request.keyPolicy()) + "; expired again when the run ends");
            if (!preflight.tailscaleInstalled()) {
                actions.add("install Tailscale");
            }
            TailscalePreferences wanted = request.preferences();
            actions.add("tailscale " + String.join(" ", TailscaleArguments.up(request.loginServer(), timeouts.connect(),
                    wanted.flags(), wanted.reset(), false, List.of())) + " (the key on its standard input"
                    + (preflight.tailscaleInstalled() ? "; with the preferences the node has and this run keeps" : "") + ")");
            actions.add("verify that tailscaled is Running with a Tailscale address");
            if (confirmsNodes) {
                actions.add("confirm that Headscale lists the node");
            }
        }
        if (!request.options().skipSyncthing()) {
            actions.add(syncthingLacked.orElse("install Syncthing and start its service, unless the host has it"));
        }
        return actions;
    }

    private static String describe(KeyPolicy p) {
        return "user " + p.user() + ", " + (p.reusable() ? "reusable" : "single-use") + (p.ephemeral() ? ", ephemeral" : "")
                + ", valid " + p.expiration().toHours() + "h" + (p.tags().isEmpty() ? "" : ", tags " + String.join(",", p.tags()));
    }
}
