package dev.mesh.core.provision;

import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.KeyPolicy;
import java.net.URI;

/**
 * One host to provision and how.
 *
 * @param host        where to connect
 * @param loginServer the Headscale URL for {@code tailscale up --login-server}
 * @param keyPolicy   the pre-auth key to mint
 * @param options     the operator's choices
 * @param force       provision even when Headscale already lists the host ({@code --force})
 */
public record ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options,
        boolean force) {

    /** Without {@code --force}. */
    public ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options) {
        this(host, loginServer, keyPolicy, options, false);
    }
}
