package dev.mesh.api;

/**
 * The version of the plugin SPI, {@code major.minor}. A plugin returns {@link #CURRENT} from its
 * {@code spiVersion()} methods; {@code CURRENT} is a compile-time constant, so the number is compiled
 * into the plugin and records the mesh-api it was built against.
 *
 * <p>The rule mesh-core applies when it loads a plugin (like Java class files): the same major and a
 * minor up to mesh's own loads; a newer minor is refused (the plugin may call what this mesh lacks);
 * another major is refused. A minor release only adds: default methods, capabilities, factory
 * methods, enum constants. Anything else is a new major.
 *
 * <p>The number packs both parts as {@code major * 1000 + minor}. SPI 1 plugins returned plain
 * {@code 1}, which reads as 1.0.
 */
public final class SpiVersion {
    /** Changes only on incompatible changes: a plugin built for another major is refused. */
    public static final int MAJOR = 2;
    /**
     * Grows when the SPI gains something; resets to 0 with a new major. 2.1 added
     * {@code ProvisioningContext.headscaleVersion()} and {@code registerCleanup(what, command)},
     * {@code ProvisioningOptions.dryRun()}, {@code Preflight.changes()}, the capabilities
     * {@code HostLocking} and {@code SyncthingPairing} (with {@code dev.mesh.api.syncthing}), the failure
     * rows HOST_LOCK_FAILED, HOST_BUSY, TAILSCALED_NOT_RUNNING, TAILSCALE_TOO_OLD, HELPER_STALE,
     * PREFERENCES_FAILED and SYNCTHING_PAIRING_FAILED, and in {@code dev.mesh.api.tailscale}: {@code TailscaleHost},
     * {@code TailscaleVersion}, {@code ClientMinimum}, {@code NodePreferences}, {@code PreferencePlan},
     * {@code ConnectionPath}, {@code TailscalePreferences.reset()}, the subnet routes of
     * {@code TailscaleStatus}, {@code TailscaleArguments.up/set} with explicit flags; and the capabilities
     * {@code HostStatusReport} and {@code NodeRemoval} ({@code StatusReport}, {@code RemovalOptions},
     * {@code RemovalReport}, STATUS_FAILED, REMOVE_FAILED, {@code TailscaleReport}, {@code ClientUninstall}).
     * 2.2 added {@code RemoteConnection.probe}, {@code TailscaleCli.probe}, the capability
     * {@code SharedShell} and the failure row TUN_MISSING. 2.3 added {@code OsDetector.sharedShell()}.
     */
    public static final int MINOR = 3;
    /** What every plugin returns from {@code spiVersion()}: {@code MAJOR * 1000 + MINOR}. */
    public static final int CURRENT = MAJOR * 1000 + MINOR;

    private SpiVersion() {
    }

    /** The major part of a packed version; SPI 1's plain {@code 1} is major 1. */
    public static int major(int packed) {
        return packed < 1000 ? packed : packed / 1000;
    }

    /** The minor part of a packed version. */
    public static int minor(int packed) {
        return packed < 1000 ? 0 : packed % 1000;
    }

    /** {@code major.minor}, e.g. {@code 2.0}, for messages. */
    public static String toString(int packed) {
        return major(packed) + "." + minor(packed);
    }
}
