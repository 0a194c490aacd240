package dev.mesh.core.provision;

import dev.mesh.api.TargetHost;

/** Opens the one SSH connection the sequence uses for a host. */
@FunctionalInterface
public interface HostConnector {
    /**
     * @throws dev.mesh.api.TransportException when the host cannot be reached or refuses mesh
     */
    HostConnection connect(TargetHost host);
}
