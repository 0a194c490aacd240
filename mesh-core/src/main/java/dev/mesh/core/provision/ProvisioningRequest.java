package dev.mesh.core.provision;

import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.core.config.TailscalePreference;
import dev.mesh.core.authkey.KeyPolicy;
import java.net.URI;
import java.util.List;

/**
 * One host to provision and how.
 *
 * @param host        where to connect
 * @param loginServer the Headscale URL for {@code tailscale up --login-server}
 * @param keyPolicy   the pre-auth key to mint
 * @param options     the operator's choices
 * @param force       join the host again even when it is on the mesh ({@code --force}): a new key and
 *                    {@code tailscale up} again; REGISTRY_CHECK is not visited
 * @param preferences the Tailscale preferences this run wants ({@link #preferences(dev.mesh.core.config.TailscalePreferences)})
 */
public record ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options,
        boolean force, TailscalePreferences preferences) {

    /** Nothing set: Tailscale's own defaults on a new node, the node's own values on a joined one. */
    public static final TailscalePreferences DEFAULT_PREFERENCES = TailscalePreferences.tailscaleDefaults();

    /** With the {@link #DEFAULT_PREFERENCES}. */
    public ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options,
                               boolean force) {
        this(host, loginServer, keyPolicy, options, force, DEFAULT_PREFERENCES);
    }

    /** Without {@code --force}. */
    public ProvisioningRequest(TargetHost host, URI loginServer, KeyPolicy keyPolicy, ProvisioningOptions options) {
        this(host, loginServer, keyPolicy, options, false);
    }

    /**
     * A host's resolved preferences (settings, inventory, flags: {@code ResolvedHost.preferences()}) as
     * the plugins see them; {@code reset} is {@link TailscalePreference#RESET}.
     *
     * @throws IllegalArgumentException when a value breaks Tailscale's rules (the resolver has checked them)
     */
    @SuppressWarnings("unchecked")
    public static TailscalePreferences preferences(dev.mesh.core.config.TailscalePreferences wanted) {
        TailscalePreferences.Builder b = TailscalePreferences.builder();
        wanted.asMap().forEach((p, v) -> {
            switch (p) {
                case HOSTNAME -> b.hostname((String) v);
                case ADVERTISE_TAGS -> b.advertiseTags((List<String>) v);
                case ADVERTISE_ROUTES -> b.advertiseRoutes((List<String>) v);
                case ACCEPT_ROUTES -> b.acceptRoutes((Boolean) v);
                case ACCEPT_DNS -> b.acceptDns((Boolean) v);
                case SSH -> b.ssh((Boolean) v);
                case ADVERTISE_EXIT_NODE -> b.advertiseExitNode((Boolean) v);
                case RESET -> b.reset((Boolean) v);
            }
        });
        return b.build();
    }
}
