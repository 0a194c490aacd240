package dev.mesh.os.linux;

import static dev.mesh.os.linux.LinuxShell.q;

import dev.mesh.api.Quoting;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One privileged command in its three forms, so steps never care how the host grants root
 * ({@link LinuxShell#command}): as the root login runs it, with {@code sudo -n} for an account with
 * full sudo, and as arguments of the root helper on a prepared host. Every privileged command the
 * plugin runs is built here.
 *
 * @param op         the operation
 * @param asRoot     the command line when the login user is root
 * @param withSudo   the command line for an account with password-less sudo
 * @param helperArgs the helper's arguments after the operation name, each one argv element
 */
record RootCommand(RootOp op, String asRoot, String withSudo, List<String> helperArgs) {
    /**
     * Runs a command that starts children (an installer, apt-get and its dpkg) in a process group of its
     * own, so that stopping it ends all of them. When mesh stops a remote command (Ctrl-C, a timeout),
     * sshd signals the session's process group as the login user, which reaches {@code sudo} but not
     * the root processes under it; sudo relays the signal to its command's process alone, and that
     * command's children would go on as orphans. timeout(1) with no limit (coreutils, on every
     * Debian-like host) passes TERM on to its whole process group and sends KILL 2 s later
     * (coreutils timeout.c, {@code cleanup}). Logged in as root, sshd's signal reaches them all.
     */
    static final String PROCESS_GROUP = "timeout -k 2 0 ";

    RootCommand {
        helperArgs = List.copyOf(helperArgs);
    }

    /** A command run whole as root: {@code sudo -n COMMAND}. */
    private static RootCommand of(RootOp op, String command, String... helperArgs) {
        return new RootCommand(op, command, "sudo -n " + command, List.of(helperArgs));
    }

    /** A command that starts children: {@code sudo -n timeout -k 2 0 [env] COMMAND} ({@link #PROCESS_GROUP}). */
    private static RootCommand grouped(RootOp op, String command, String... helperArgs) {
        return new RootCommand(op, command, "sudo -n " + inProcessGroup(command), List.of(helperArgs));
    }

    /** {@code timeout -k 2 0 COMMAND}, with {@code env} before leading variable assignments. */
    static String inProcessGroup(String command) {
        return PROCESS_GROUP + (command.matches("[A-Za-z_][A-Za-z0-9_]*=.*") ? "env " : "") + command;
    }

    /** {@code -o 'DPkg::Lock::Timeout=N'} from the plugin's {@code apt-lock-timeout}. */
    static String aptLockOption(LinuxSettings settings) {
        return "-o " + q("DPkg::Lock::Timeout=" + aptLockSeconds(settings));
    }

    static long aptLockSeconds(LinuxSettings settings) {
        return Math.max(1, settings.aptLockTimeout().toSeconds());
    }

    private static String aptInstall(LinuxSettings settings, String packages) {
        return ("DEBIAN_FRONTEND=noninteractive apt-get install -y " + aptLockOption(settings) + " " + packages).strip();
    }

    /**
     * Waits until no other apt/dpkg run holds the lock: an install of nothing takes the lock
     * (honouring the timeout) and changes nothing. It also fails early, with apt's own message,
     * when dpkg was interrupted and needs {@code dpkg --configure -a}.
     */
    static RootCommand aptWaitForLock(LinuxSettings settings) {
        return grouped(RootOp.APT_WAIT_LOCK, aptInstall(settings, ""));
    }

    static RootCommand aptUpdate(LinuxSettings settings) {
        return grouped(RootOp.APT_UPDATE, "apt-get " + aptLockOption(settings) + " update");
    }

    /** Installs the {@code syncthing} package with {@code pm}, never asking. */
    static RootCommand installSyncthing(PackageManager pm, LinuxSettings settings) {
        String command = switch (pm) {
            case APT -> aptInstall(settings, "syncthing");
            case DNF -> "dnf install -y syncthing";
            case YUM -> "yum install -y syncthing";
            case ZYPPER -> "zypper --non-interactive install syncthing";
            case PACMAN -> "pacman -S --noconfirm --needed syncthing";
            case APK -> "apk add syncthing";
        };
        return grouped(RootOp.INSTALL_SYNCTHING, command, pm.id());
    }

    /** The last 20 lines of {@code unit}'s journal: reading the system journal needs root (or the adm group). */
    static RootCommand serviceLog(String unit) {
        return of(RootOp.SERVICE_LOG, "journalctl -u " + q(unit) + " -n 20 --no-pager", unit);
    }

    /** Adds {@code --tun=userspace-networking} to FLAGS in /etc/default/tailscaled ({@link TailscaledService#USERSPACE_SCRIPT}). */
    static RootCommand tailscaledUserspace() {
        return of(RootOp.TAILSCALED_USERSPACE, "sh -c " + q(TailscaledService.USERSPACE_SCRIPT));
    }

    /** {@code systemctl enable --now tailscaled}. */
    static RootCommand enableTailscaled() {
        return of(RootOp.ENABLE_SERVICE, "systemctl enable --now tailscaled", "tailscaled");
    }

    /** {@code systemctl enable --now syncthing@USER} for the login user. */
    static RootCommand enableSyncthing(String user) {
        String unit = "syncthing@" + user;
        return of(RootOp.ENABLE_SERVICE, "systemctl enable --now " + q(unit), unit);
    }

    static RootCommand startTailscaleOpenRc() {
        return new RootCommand(RootOp.START_TAILSCALE_OPENRC,
                "rc-update add tailscale default && rc-service tailscale start",
                "sudo -n rc-update add tailscale default && sudo -n rc-service tailscale start", List.of());
    }

    /** Starts tailscaled detached from the SSH channel ({@link TailscaledService#backgroundScript}). */
    static RootCommand startTailscaledInBackground(boolean userspace) {
        return of(RootOp.START_TAILSCALED_BACKGROUND, "sh -c " + q(TailscaledService.backgroundScript(userspace)));
    }

    static RootCommand tailscaledLog() {
        return of(RootOp.TAILSCALED_LOG, "tail -n 20 " + TailscaledService.LOG);
    }

    /**
     * Where root finds {@code tailscale}: {@code command -v} in sudo's {@code secure_path}, or in the
     * prepared helper's PATH (its {@code tailscale-path}).
     */
    static RootCommand tailscalePath() {
        return new RootCommand(RootOp.TAILSCALE_PATH, "command -v tailscale", "sudo -n sh -c 'command -v tailscale'",
                List.of());
    }

    /** {@code CLI debug prefs}: reads the daemon's preferences, so root only. */
    static RootCommand tailscalePrefs(String cli) {
        return of(RootOp.TAILSCALE_PREFS, Quoting.shArgument(cli) + " debug prefs");
    }

    /**
     * {@code CLI up FLAGS} (mesh-api's {@code TailscaleArguments.up} without the {@code up}), the CLI by
     * its absolute path: every flag one argument, quoted where it has to be; on a prepared host the
     * helper's arguments, which it checks one by one (it runs the {@code tailscale} of its own PATH,
     * which PREFLIGHT checked is this one). The key comes on standard input
     * ({@code --auth-key=file:/dev/stdin}).
     */
    static RootCommand tailscaleUp(String cli, List<String> flags) {
        return tailscale(RootOp.TAILSCALE_UP, cli, "up", flags);
    }

    /** {@code CLI set FLAGS}: changes a joined node's preferences; on a prepared host only the pinned ones. */
    static RootCommand tailscaleSet(String cli, List<String> flags) {
        return tailscale(RootOp.TAILSCALE_SET, cli, "set", flags);
    }

    private static RootCommand tailscale(RootOp op, String cli, String subcommand, List<String> flags) {
        String command = Quoting.shArgument(cli) + " " + subcommand
                + flags.stream().map(f -> " " + Quoting.shArgument(f)).collect(Collectors.joining());
        return of(op, command, flags.toArray(String[]::new));
    }

    /** {@code CLI logout}: writes to tailscaled, so root only ({@code mesh remote remove}). */
    static RootCommand tailscaleLogout(String cli) {
        return of(RootOp.TAILSCALE_LOGOUT, Quoting.shArgument(cli) + " logout");
    }

    /** Removes the {@code tailscale} package with {@code pm} (its package scripts stop tailscaled), never asking. */
    static RootCommand uninstallTailscale(PackageManager pm, LinuxSettings settings) {
        String command = switch (pm) {
            case APT -> "DEBIAN_FRONTEND=noninteractive apt-get remove -y " + aptLockOption(settings) + " tailscale";
            case DNF -> "dnf remove -y tailscale";
            case YUM -> "yum remove -y tailscale";
            case ZYPPER -> "zypper --non-interactive remove tailscale";
            case PACMAN -> "pacman -R --noconfirm tailscale";
            case APK -> "apk del tailscale";
        };
        return of(RootOp.UNINSTALL_TAILSCALE, command, pm.id());
    }

    /** Undoes {@code mesh remote prepare}: the sudo rule first, then the helper and its directory. */
    static RootCommand unprepare() {
        return of(RootOp.UNPREPARE, "sh -c " + q("rm -f " + SudoRules.PATH + " " + RootHelper.PATH + " && { rmdir "
                + RootHelper.DIR + " 2>/dev/null; true; }"));
    }

    /**
     * Tailscale's install script: {@code curl -fsSL URL | sudo -n [TRACK=..] [TAILSCALE_VERSION=..] sh}.
     * The helper downloads and runs the URL pinned when the host was prepared.
     */
    static RootCommand installTailscaleScript(LinuxSettings settings) {
        String curl = "curl -fsSL " + q(settings.scriptUrl().toString()) + " | ";
        String sh = scriptEnvironment(settings) + "sh";
        return new RootCommand(RootOp.INSTALL_TAILSCALE_SCRIPT, curl + sh, curl + "sudo -n " + inProcessGroup(sh), List.of());
    }

    /**
     * Installs the file uploaded to {@code remote}; apt-get (not dpkg -i) so dependencies and the
     * lock wait work. The helper installs it only when its sha256 is the one pinned at prepare time.
     */
    static RootCommand installTailscaleUpload(LinuxSettings settings, LinuxSettings.UploadKind kind, String remote) {
        String command = switch (kind) {
            case DEB -> aptInstall(settings, q(remote));
            case RPM -> "rpm -i " + q(remote);
            case SCRIPT -> scriptEnvironment(settings) + "sh " + q(remote);
        };
        return grouped(RootOp.INSTALL_TAILSCALE_UPLOAD, command, remote);
    }

    /** The install script's pinning variables, each followed by a space; empty when none is set. */
    static String scriptEnvironment(LinuxSettings settings) {
        String env = "";
        if (!settings.track().isEmpty()) {
            env += "TRACK=" + q(settings.track()) + " ";
        }
        if (!settings.version().isEmpty()) {
            env += "TAILSCALE_VERSION=" + q(settings.version()) + " ";
        }
        return env;
    }
}
