package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;

/**
 * The states of the provisioning sequence, after the seed's "State Machine Perspective". The
 * OS-specific states call one {@link dev.mesh.api.OsProvisioner} method (or capability) each; the
 * Windows retry and script states of the seed happen inside the Windows plugin's CONNECTING. Each
 * state's default failure is the row that describes the state itself, used when it fails without
 * naming a reason (an unexpected error, a plugin's bug).
 */
public enum ProvisioningState {
    SSH_TESTING("Test SSH connection", FailureReason.SSH_CONNECTION_FAILED),
    OS_DETECTING("Detect remote OS", FailureReason.OS_NOT_DETECTED),
    /** One mesh run per host: the plugin's lock, held until the run ends ({@link dev.mesh.api.HostLocking}). */
    HOST_LOCKING("Lock the host", FailureReason.HOST_LOCK_FAILED),
    /** What the host itself says: privileges, Tailscale present, joined to this login server. Changes nothing. */
    PREFLIGHT("Check host", FailureReason.PREFLIGHT_FAILED),
    /**
     * Whether the host's own answer holds: a joined host is left as it is only when Headscale lists a
     * live node with one of its addresses. Headscale's list is a hint, never the verdict.
     */
    REGISTRY_CHECK("Check Headscale's node list", FailureReason.REGISTRY_CHECK_FAILED),
    KEY_GENERATING("Generate auth key", FailureReason.AUTH_KEY_FAILED),
    INSTALLING("Install Tailscale", FailureReason.TAILSCALE_INSTALL_FAILED),
    CONNECTING("Connect to mesh", FailureReason.TAILSCALE_CONNECT_FAILED),
    VERIFYING("Verify connection", FailureReason.VERIFY_FAILED),
    /** Headscale lists a live node with one of the host's Tailscale addresses (bounded poll). */
    NODE_CONFIRMING("Confirm node in Headscale", FailureReason.NODE_CONFIRM_FAILED),
    SYNCTHING("Install Syncthing", FailureReason.SYNCTHING_INSTALL_FAILED),
    PREPARING("Prepare host", FailureReason.PREPARE_FAILED),
    SUCCESS("Done", null),
    MANUAL_NEEDED("Manual step needed", null),
    /** A dry run ended: nothing was changed; the outcome lists what a real run would do. */
    PLANNED("Plan", null),
    /** The operator stopped the run (Ctrl-C, SIGTERM). */
    INTERRUPTED("Stopped", null),
    EXIT_ERROR("Failed", null);

    private final String title;
    private final FailureReason defaultFailure;

    ProvisioningState(String title, FailureReason defaultFailure) {
        this.title = title;
        this.defaultFailure = defaultFailure;
    }

    /** The section header shown when the state begins. */
    public String title() {
        return title;
    }

    /** The error row reported when this state fails without saying why; it describes this state. */
    public FailureReason defaultFailure() {
        return defaultFailure;
    }

    /** True for SUCCESS, MANUAL_NEEDED, PLANNED, INTERRUPTED and EXIT_ERROR. */
    public boolean terminal() {
        return defaultFailure == null;
    }
}
