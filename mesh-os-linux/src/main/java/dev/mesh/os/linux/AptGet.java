package dev.mesh.os.linux;

/**
 * apt-get command lines that wait for the dpkg lock a bounded time instead of failing at once
 * while another apt run (unattended-upgrades after boot, typically) holds it.
 */
final class AptGet {
    private AptGet() {
    }

    /** {@code -o 'DPkg::Lock::Timeout=N'} from the plugin's {@code apt-lock-timeout}. */
    static String lockOption(LinuxSettings settings) {
        return "-o " + LinuxShell.q("DPkg::Lock::Timeout=" + Math.max(1, settings.aptLockTimeout().toSeconds()));
    }

    /** {@code apt-get update}, as root. */
    static String update(LinuxShell shell, LinuxSettings settings) {
        return shell.asRoot("apt-get " + lockOption(settings) + " update");
    }

    /** {@code apt-get install -y} of {@code packages} (names or ./paths of .deb files), as root, never asking. */
    static String install(LinuxShell shell, LinuxSettings settings, String packages) {
        return shell.asRoot("DEBIAN_FRONTEND=noninteractive apt-get install -y " + lockOption(settings) + " " + packages);
    }

    /**
     * Waits until no other apt/dpkg run holds the lock: an install of nothing takes the lock
     * (honouring the timeout) and changes nothing. Used before Tailscale's install script, whose
     * own apt-get calls would fail at once on a held lock. It also fails early, with apt's own
     * message, when dpkg was interrupted and needs {@code dpkg --configure -a}.
     */
    static String waitForLock(LinuxShell shell, LinuxSettings settings) {
        return install(shell, settings, "").strip();
    }
}
