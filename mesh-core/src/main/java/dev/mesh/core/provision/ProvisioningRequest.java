package dev.mesh.core.provision;

import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.core.authkey.KeyPolicy;
import java.net.URI;

/**
 * One host to provision and how.
 *
 * @param host        where to connect
 * @param loginServer the Headscale URL for {@code tailscale up --login-server}
 * @param keyPolicy   the pre-auth key to mint
 * @param options     the operator's choices
 * @param force       join the host again even when it is on the mesh ({@code --force}): a new key and
 *                    {@code tailscale up} again; REGISTRY_CHECK is not visited
 * @param preferences the Tailscale preferences {@code up} sets
 */
public record ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options,
        boolean force, TailscalePreferences preferences) {

    /**
     * What mesh has always passed to {@code tailscale up}: {@code --accept-routes}, every other
     * preference Tailscale's default (with {@code --reset}). Until the preferences are settings.
     */
    public static final TailscalePreferences DEFAULT_PREFERENCES = TailscalePreferences.builder().acceptRoutes(true).build();

    /** With the {@link #DEFAULT_PREFERENCES}. */
    public ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options,
                               boolean force) {
        this(host, loginServer, keyPolicy, options, force, DEFAULT_PREFERENCES);
    }

    /** Without {@code --force}. */
    public ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options) {
        this(host, loginServer, keyPolicy, options, false);
    }
}
