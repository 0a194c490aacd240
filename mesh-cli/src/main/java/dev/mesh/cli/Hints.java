package dev.mesh.cli;

import dev.mesh.api.FailureReason;
import dev.mesh.api.TargetHost;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.ssh.ShellWords;
import java.nio.file.Path;

/**
 * Hints as runnable commands with the real host and port. The plugins' and the seed's generic hints
 * say {@code USER@HOST} (they do not know how the operator named the host); this replaces them with
 * the command to type: {@code mesh remote prepare steve@10.0.0.5 -p 2222}, or
 * {@code mesh remote prepare web1} for an inventory host, with {@code --inventory} and {@code -i} when
 * they were given. Hints core built for the real host (each SSH failure kind's) are kept as they are.
 *
 * @param inventory {@code --inventory FILE}, or null
 * @param identity  {@code -i KEY}, or null
 */
record Hints(Path inventory, Path identity) {

    /** The hint to show for {@code failure} on {@code target}. */
    String forFailure(FleetTarget target, ProvisioningOutcome.Failed failure) {
        boolean generic = failure.hint().equals(failure.reason().hint());
        if (generic && failure.reason() == FailureReason.SUDO_PASSWORD_REQUIRED) {
            return "Run `" + prepare(target) + "` once (it asks for the sudo password) to allow mesh's commands"
                    + " without one.";
        }
        if (generic && failure.reason() == FailureReason.SSH_CONNECTION_FAILED) {
            return "Check that the host is up and reachable, the port is right, and your key is accepted: "
                    + ssh(target.host());
        }
        return failure.hint();
    }

    /** {@code mesh [--inventory F] remote prepare HOST [-p PORT] [-i KEY]}. */
    String prepare(FleetTarget target) {
        StringBuilder cmd = new StringBuilder("mesh ");
        if (inventory != null) {
            cmd.append("--inventory ").append(ShellWords.quote(inventory.toString())).append(' ');
        }
        cmd.append("remote prepare ");
        TargetHost h = target.host();
        if (target.inventory()) {
            cmd.append(ShellWords.quote(target.name()));
        } else {
            cmd.append(ShellWords.quote(h.user() + "@" + bracketed(h.address())));
            if (h.port() != 22) {
                cmd.append(" -p ").append(h.port());
            }
        }
        if (identity != null) {
            cmd.append(" -i ").append(ShellWords.quote(identity.toString()));
        }
        return cmd.toString();
    }

    /** {@code ssh [-i KEY] [-p PORT] USER@ADDRESS}. */
    String ssh(TargetHost h) {
        return "ssh " + (identity == null ? "" : "-i " + ShellWords.quote(identity.toString()) + " ")
                + (h.port() == 22 ? "" : "-p " + h.port() + " ") + ShellWords.quote(h.user() + "@" + h.address());
    }

    private static String bracketed(String address) {
        return address.indexOf(':') >= 0 ? "[" + address + "]" : address;
    }
}
