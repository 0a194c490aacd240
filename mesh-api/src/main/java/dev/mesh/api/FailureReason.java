package dev.mesh.api;

/**
 * Why provisioning stopped: one value per row of the seed's error table, plus the failures mesh
 * adds. Each carries the message and the resolution hint the operator sees. Each state of the
 * sequence has a row that describes it, used when a state fails without naming a reason. New rows
 * may be added in any SPI minor version.
 */
public enum FailureReason {
    SSH_CONNECTION_FAILED("SSH connection failed",
            "Check that the host is up and reachable, the port is right, and your key is accepted (ssh -p PORT USER@HOST)."),
    HOST_KEY_CHANGED("The host's SSH key has changed",
            "If the host was reinstalled, remove its old line from known_hosts; otherwise someone may be intercepting the connection."),
    OS_NOT_DETECTED("Could not detect OS",
            "Check that the account's login shell is sh/bash, cmd.exe or PowerShell, and that `uname -s` works."),
    NO_PLUGIN("No plugin for this OS",
            "Add the OS plugin jar to the plugins/ directory or MESH_PLUGIN_PATH (`mesh plugins` lists what is installed)."),
    HEADSCALE_UNREACHABLE("Headscale unreachable",
            "Check that the Headscale server is up and that this machine reaches it: mesh.headscale.url or mesh.server-url"
                    + " (source = rest), mesh.headscale.ssh-host (source = ssh); `mesh config` shows where each comes from."),
    REGISTRY_CHECK_FAILED("Could not check Headscale's node list",
            "Check that Headscale runs and that mesh may list its nodes (headscale nodes list), or rerun with --force."),
    AUTH_KEY_FAILED("Failed to generate auth key",
            "Check that Headscale is running (sudo systemctl start headscale) and the user exists (headscale users list)."),
    /** Since SPI 2.1. */
    HOST_LOCK_FAILED("Could not take mesh's lock on the host",
            "Nothing was changed on the host. Check that the host's locking program works (see the cause), then run mesh again."),
    /** Since SPI 2.1. */
    HOST_BUSY("Another mesh run is in progress on the host",
            "Wait for it to finish (or raise mesh.timeouts.host-lock to wait longer), then run mesh again."),
    PREFLIGHT_FAILED("Could not check the host",
            "Nothing was changed on the host. Run the check named above on the host by hand to see why."),
    /** Since SPI 2.1. */
    TAILSCALED_NOT_RUNNING("tailscaled is not running and could not be started",
            "Look at tailscaled's log above; mesh starts it as it installs it (systemd, OpenRC, the Windows service,"
                    + " brew services). No key was minted."),
    /** Since SPI 2.2: tailscaled cannot create its interface (no {@code /dev/net/tun}: an unprivileged container). */
    TUN_MISSING("The host has no TUN device for tailscaled",
            "Give the host a TUN device, or let tailscaled use userspace networking (see the cause). No key was minted."),
    /** Since SPI 2.1. */
    TAILSCALE_TOO_OLD("Tailscale on the host is too old for this Headscale",
            "Upgrade Tailscale on the host (or let mesh's install method install a newer one), then run mesh again."),
    /** Since SPI 2.1. */
    HELPER_STALE("The host's mesh helper was prepared for other settings",
            "Run `mesh remote prepare` again: the helper only runs what was pinned when the host was prepared."),
    /** Since SPI 2.1. */
    PREFERENCES_FAILED("Could not apply the Tailscale preferences",
            "Run the `tailscale set` command named above on the host to see why."),
    SUDO_PASSWORD_REQUIRED("sudo requires password",
            "Run `mesh remote prepare USER@HOST` once to allow mesh's commands without a password."),
    TAILSCALE_INSTALL_FAILED("Tailscale install failed",
            "Check the host's internet access and permissions, or set an offline install method in mesh.conf."),
    TAILSCALE_CONNECT_FAILED("Could not connect to the mesh",
            "Check that the login server URL is reachable from the host and the auth key is valid."),
    VERIFY_FAILED("Tailscale is not running after connecting",
            "Run `tailscale status` on the host to see why."),
    NODE_CONFIRM_FAILED("Could not confirm the node in Headscale",
            "The host joined; check Headscale's node list (headscale nodes list) for it."),
    NODE_NOT_CONFIRMED("Headscale does not list the node",
            "Check that mesh.server-url is the Headscale server the host logged in to, or raise mesh.headscale.confirm-timeout."),
    SYNCTHING_INSTALL_FAILED("Syncthing install failed",
            "Check the host's package sources, or rerun with --skip-syncthing."),
    /** Since SPI 2.1. */
    SYNCTHING_PAIRING_FAILED("Syncthing pairing failed",
            "Check that Syncthing runs on the host as the SSH user (its REST API answers on the GUI address of its"
                    + " config.xml, 127.0.0.1:8384 by default) and that the host is on the tailnet (tailscale status)."),
    MANUAL_STEP("IPN issue (Windows)",
            "Run the generated script on the host as Administrator."),
    PREPARE_FAILED("Could not prepare the host",
            "Check the sudo password and that the account may use sudo on the host."),
    /** Since SPI 2.1: {@code mesh remote status}. */
    STATUS_FAILED("Could not read the host's status",
            "Nothing was changed on the host. Run `tailscale status` on the host by hand to see why."),
    /** Since SPI 2.1: {@code mesh remote remove}. */
    REMOVE_FAILED("Could not remove the host from the mesh",
            "Look at the step named above; `mesh remote status HOST` shows what is left. Running remove again is safe.");

    private final String message;
    private final String hint;

    FailureReason(String message, String hint) {
        this.message = message;
        this.hint = hint;
    }

    /** The headline, as in the seed's error table. */
    public String message() {
        return message;
    }

    /** What the operator should do about it. */
    public String hint() {
        return hint;
    }
}
