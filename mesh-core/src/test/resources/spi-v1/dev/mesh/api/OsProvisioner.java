package dev.mesh.api;

/**
 * Provisions hosts of one OS family. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/dev.mesh.api.OsProvisioner}.
 *
 * <p>mesh-core drives the sequence; each method is one state of it, called in this order:
 * <ol>
 *   <li>{@link #inspect} (PREFLIGHT) — privileges and what is already there; changes nothing;</li>
 *   <li>mesh-core mints the auth key (KEY_GENERATING), unless the host is already joined;</li>
 *   <li>{@link #installTailscale} (INSTALLING), only when Tailscale is missing;</li>
 *   <li>{@link #connect} (CONNECTING), unless already joined;</li>
 *   <li>{@link #verify} (VERIFYING);</li>
 *   <li>{@link #installSyncthing} (SYNCTHING), unless skipped.</li>
 * </ol>
 * A step that cannot go on throws {@link StepFailedException}. Steps report progress through
 * {@link ProvisioningContext#listener()} and never print.
 */
public interface OsProvisioner {

    /** A unique, stable id, e.g. {@code linux}; also the name of the plugin's config subtree. */
    String id();

    /** The {@link DetectedOs#family()} this provisioner handles. */
    String family();

    /** Return {@link SpiVersion#CURRENT}: the value is compiled into the plugin. */
    int spiVersion();

    /**
     * Checks the plugin's configuration at startup, before any connection, so a bad value fails
     * early. Read every value once here.
     *
     * @throws PluginConfigException naming the bad key
     */
    default void validate(PluginConfig config) {
    }

    /**
     * PREPARING ({@code mesh remote prepare}): one-time setup with the account's sudo password, so
     * that later runs need none, e.g. narrowly scoped sudo rules. Idempotent. No auth key exists in
     * this run: {@link ProvisioningContext#authKey()} throws.
     *
     * @param sudoPassword the password, to be sent only on a command's standard input
     * @return true when anything changed on the host
     * @throws StepFailedException with {@link FailureReason#PREPARE_FAILED} when it cannot be done
     */
    default boolean prepare(ProvisioningContext ctx, Secret sudoPassword) {
        throw new StepFailedException(FailureReason.PREPARE_FAILED,
                "the '" + id() + "' plugin has nothing to prepare on " + family() + " hosts",
                "Provision the host directly with `mesh remote provision`.");
    }

    /** PREFLIGHT: checks privileges and reports what is installed and whether the host is joined. */
    HostStatus inspect(ProvisioningContext ctx);

    /** INSTALLING: installs Tailscale and starts its daemon. */
    void installTailscale(ProvisioningContext ctx);

    /** CONNECTING: joins the mesh with {@link ProvisioningContext#authKey()}. */
    ConnectResult connect(ProvisioningContext ctx);

    /** VERIFYING: confirms tailscaled is Running and returns its status. */
    TailscaleStatus verify(ProvisioningContext ctx);

    /**
     * SYNCTHING: installs Syncthing and starts it as a service where the host can.
     *
     * @return true when anything changed on the host
     */
    boolean installSyncthing(ProvisioningContext ctx);
}
