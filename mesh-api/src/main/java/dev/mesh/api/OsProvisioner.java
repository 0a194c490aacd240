package dev.mesh.api;

import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.util.Optional;

/**
 * Joins hosts of one OS family to the mesh. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.mesh.api.OsProvisioner}.
 *
 * <p>The required methods are the join, one per state of mesh-core's sequence, called in this order:
 * <ol>
 *   <li>{@link #inspect} (PREFLIGHT): privileges and what is already there; changes nothing;</li>
 *   <li>mesh-core mints the auth key (KEY_GENERATING), unless the host is already joined;</li>
 *   <li>{@link #installTailscale} (INSTALLING), only when Tailscale is missing;</li>
 *   <li>{@link #connect} (CONNECTING), unless already joined;</li>
 *   <li>{@link #verify} (VERIFYING).</li>
 * </ol>
 * Everything else is an optional {@link Capability} ({@link SyncthingSupport}, {@link HostPreparation}),
 * found through {@link #capability}. The Tailscale CLI logic every OS shares (status, {@code up} flags,
 * the joined decision) is in {@link Tailscale}: a plugin says only how its OS runs the CLI.
 *
 * <p>A step that cannot go on throws {@link StepFailedException}. Anything else it throws (any
 * {@link Throwable}) becomes that state's failure, naming the plugin and its jar. Steps report progress
 * through {@link ProvisioningContext#listener()} and never print. Methods added in later SPI minor
 * versions are default methods, so a compiled plugin keeps working.
 */
public interface OsProvisioner {

    /** A unique, stable id, e.g. {@code linux}; also the name of the plugin's config subtree. */
    String id();

    /** The {@link DetectedOs#family()} this provisioner handles. */
    String family();

    /** Return {@link SpiVersion#CURRENT}: the value is compiled into the plugin. */
    int spiVersion();

    /**
     * Reads and checks the plugin's configuration once, at start, before any connection, so a bad
     * value fails early. What it returns is handed to every step through
     * {@link ProvisioningContext#settings(Class)}: no step parses the configuration again.
     *
     * @return the plugin's settings object; by default the configuration itself
     * @throws PluginConfigException naming the bad key
     */
    default Object validate(PluginConfig config) {
        return config;
    }

    /** PREFLIGHT: checks privileges and reports what is installed and whether the host is joined. */
    Preflight inspect(ProvisioningContext ctx);

    /** INSTALLING: installs Tailscale and starts its daemon. */
    void installTailscale(ProvisioningContext ctx);

    /** CONNECTING: joins the mesh with {@link ProvisioningContext#authKey()}, e.g. with {@link Tailscale#connect}. */
    ConnectResult connect(ProvisioningContext ctx);

    /**
     * VERIFYING: confirms tailscaled is Running with at least one Tailscale address (IPv4 or IPv6),
     * e.g. with {@link Tailscale#verify()}.
     */
    TailscaleStatus verify(ProvisioningContext ctx);

    /**
     * An optional capability of this provisioner, asked by mesh-core before it needs it.
     *
     * @return by default this object, when it implements {@code type}; empty otherwise
     */
    default <T extends Capability> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
