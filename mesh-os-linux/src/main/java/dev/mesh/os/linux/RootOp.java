package dev.mesh.os.linux;

/**
 * The operations mesh performs as root on a Linux host. On a prepared host each is one operation of
 * the root helper ({@link RootHelper}), named {@link #helperName()}; the helper refuses any other.
 */
enum RootOp {
    CHECK("check"),
    APT_WAIT_LOCK("apt-wait-lock"),
    APT_UPDATE("apt-update"),
    INSTALL_SYNCTHING("install-syncthing"),
    ENABLE_SERVICE("enable-service"),
    START_TAILSCALE_OPENRC("start-tailscale-openrc"),
    START_TAILSCALED_BACKGROUND("start-tailscaled-background"),
    TAILSCALED_LOG("tailscaled-log"),
    TAILSCALE_PREFS("tailscale-prefs"),
    TAILSCALE_UP("tailscale-up"),
    TAILSCALE_SET("tailscale-set"),
    TAILSCALE_PATH("tailscale-path"),
    SERVICE_LOG("service-log"),
    TAILSCALED_USERSPACE("tailscaled-userspace"),
    INSTALL_TAILSCALE_SCRIPT("install-tailscale-script"),
    INSTALL_TAILSCALE_UPLOAD("install-tailscale-upload"),
    TAILSCALE_LOGOUT("tailscale-logout"),
    UNINSTALL_TAILSCALE("uninstall-tailscale"),
    UNPREPARE("unprepare");

    private final String helperName;

    RootOp(String helperName) {
        this.helperName = helperName;
    }

    /** The operation's name as the helper's first argument. */
    String helperName() {
        return helperName;
    }
}
