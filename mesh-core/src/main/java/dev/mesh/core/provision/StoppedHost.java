package dev.mesh.core.provision;

/**
 * What a host was left in when the operator stopped a run in a given state, one line for the
 * {@link ProvisioningOutcome.Interrupted} outcome. By then the running command was ended on the host,
 * the files steps registered were removed and the run's key expired, so every line can say what the
 * next run does: it converges from wherever the host was left.
 */
final class StoppedHost {
    private StoppedHost() {
    }

    /**
     * @param tailscaleJoined the host was on the mesh already, or joined during this run
     */
    static String describe(ProvisioningState state, boolean tailscaleJoined) {
        return switch (state) {
            case SSH_TESTING, OS_DETECTING, HOST_LOCKING, PREFLIGHT, REGISTRY_CHECK, KEY_GENERATING ->
                    "mesh had only checked the host, nothing was installed or connected; run mesh again to provision it";
            case INSTALLING -> "Tailscale's installation was ended part-way, so Tailscale may be partly installed;"
                    + " the next run checks it and installs it again";
            case CONNECTING -> "`tailscale up` was ended and its key expired, so the host may be logged out; the next"
                    + " run connects it with a new key";
            case VERIFYING, NODE_CONFIRMING -> (tailscaleJoined ? "Tailscale is connected" : "Tailscale may be connected")
                    + ", the check was stopped; the next run checks it again";
            case SYNCTHING -> "Tailscale is connected; Syncthing's installation was ended part-way; the next run"
                    + " installs it";
            case PREPARING -> "the preparation was ended part-way; run `mesh remote prepare` again";
            case SUCCESS, MANUAL_NEEDED, PLANNED, INTERRUPTED, EXIT_ERROR -> "the run had ended";
        };
    }
}
