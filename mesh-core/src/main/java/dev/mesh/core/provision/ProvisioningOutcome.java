package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;

/** How provisioning one host ended. */
public sealed interface ProvisioningOutcome {

    /**
     * The host is on the mesh.
     *
     * @param tailscaleIp      its Tailscale address to show (IPv4 when it has one, else IPv6); empty
     *                         when the run did not get that far (detect, prepare)
     * @param alreadyConnected true when it was already joined and nothing about Tailscale changed
     * @param changed          true when this run changed anything on the host
     */
    record Success(String tailscaleIp, boolean alreadyConnected, boolean changed) implements ProvisioningOutcome {
    }

    /** The operator must finish by hand; {@code instructions} says how. */
    record ManualNeeded(String instructions) implements ProvisioningOutcome {
    }

    /**
     * Provisioning stopped.
     *
     * @param step   the state it stopped in, e.g. {@code INSTALLING}
     * @param reason the seed's error row
     * @param cause  what happened (command output, exception message), never a secret
     * @param hint   what to do about it
     */
    record Failed(String step, FailureReason reason, String cause, String hint) implements ProvisioningOutcome {
    }

    /**
     * Stopped on request (Ctrl-C, SIGTERM) at a safe point.
     *
     * @param step      the state it was in, e.g. {@code INSTALLING}
     * @param hostState one line saying what the host was left in
     */
    record Interrupted(String step, String hostState) implements ProvisioningOutcome {
    }
}
