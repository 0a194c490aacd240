package dev.mesh.api;

/**
 * Capability (plugin SPI 2.1): taking a host out of the mesh, for {@code mesh remote remove}: log
 * the node out ({@code tailscale logout}, with {@link dev.mesh.api.tailscale.Tailscale#logout}),
 * optionally uninstall Tailscale with the package manager that installed it, optionally undo
 * {@link HostPreparation} (mesh's sudo rule and helper). mesh-core deletes the node in Headscale
 * afterwards and takes the host out of a Syncthing pairing; Syncthing itself stays.
 *
 * <p>Idempotent: on a host already removed it changes nothing and says so. With
 * {@code ctx.options().dryRun()} it changes nothing and reports what it would do.
 */
public non-sealed interface NodeRemoval extends Capability {

    /**
     * Takes the host out of the mesh. {@link ProvisioningContext#authKey()} throws.
     *
     * @return what was changed (in a dry run: what would be), and what was left on the host
     * @throws StepFailedException {@link FailureReason#REMOVE_FAILED} naming the step that failed
     */
    RemovalReport removeNode(ProvisioningContext ctx, RemovalOptions options);
}
