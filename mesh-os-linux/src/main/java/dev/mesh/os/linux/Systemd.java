package dev.mesh.os.linux;

/**
 * Whether systemd manages the host: {@code /run/systemd/system} exists only when systemd is PID 1
 * (the check sd_booted(3) uses). Containers usually run without it.
 */
final class Systemd {
    static final String CHECK = "test -d /run/systemd/system";

    private Systemd() {
    }

    static boolean running(LinuxShell shell) {
        return shell.probe(CHECK).succeeded();
    }
}
