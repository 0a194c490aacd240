package dev.mesh.api;

/**
 * Capability (plugin SPI 2.1): what a host has, read-only, for {@code mesh remote status}: the
 * Tailscale client and its node (with {@link dev.mesh.api.tailscale.Tailscale#report()}), and
 * whether Syncthing is installed and running for the SSH login user. It changes nothing on the host:
 * tailscaled is not started, nothing is installed. mesh-core adds Headscale's view of the node.
 */
public non-sealed interface HostStatusReport extends Capability {

    /**
     * Reads the host's status. {@link ProvisioningContext#authKey()} throws; {@link
     * ProvisioningContext#loginServer()} is the configured one when there is one.
     *
     * @throws StepFailedException {@link FailureReason#STATUS_FAILED} when the host cannot be read
     */
    StatusReport statusReport(ProvisioningContext ctx);
}
