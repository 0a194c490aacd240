package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;
import java.util.List;

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
     * The operator stopped the run (Ctrl-C, SIGTERM): the running remote command was ended on the host,
     * what mesh had put on the host removed, the run's key expired.
     *
     * @param step      the state it was in, e.g. {@code INSTALLING}
     * @param hostState one line: what the host was left in, and what the next run will do
     */
    record Interrupted(String step, String hostState) implements ProvisioningOutcome {
    }

    /**
     * A dry run ({@code --dry-run}) looked at the host and changed nothing.
     *
     * @param actions what a real run would do, in order, one line each (e.g. {@code install Tailscale},
     *                {@code tailscale up --login-server=… --timeout=60s}); empty when nothing needs doing
     */
    record Planned(List<String> actions) implements ProvisioningOutcome {
        public Planned {
            actions = List.copyOf(actions);
        }
    }
}
