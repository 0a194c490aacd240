package dev.mesh.api;

/**
 * Capability: Syncthing on this OS. Used in the SYNCTHING state of {@code mesh remote provision}
 * unless the operator passed {@code --skip-syncthing}.
 */
public non-sealed interface SyncthingSupport extends Capability {

    /**
     * Installs Syncthing and starts it as a service where the host can, leaving a Syncthing the
     * user already runs alone.
     *
     * @return true when anything changed on the host
     * @throws StepFailedException with {@link FailureReason#SYNCTHING_INSTALL_FAILED} when it cannot
     */
    boolean installSyncthing(ProvisioningContext ctx);
}
