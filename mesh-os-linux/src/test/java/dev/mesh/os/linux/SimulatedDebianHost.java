// Stands in for a Debian 12 host reached over SSH as a sudo (NOPASSWD) user, with Tailscale's install script, tailscaled and the tailscale CLI (which cannot run here): a stateful transcript of what sh, sudo, apt-get, systemctl, journalctl, install.sh and tailscale answer, as reference/facts.md and cmd/tailscale/cli document them.
package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.SimulatedLock;
import dev.mesh.testkit.TailscaleNode;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian model the Linux plugin's tests and mesh-cli's tests share, on a {@link ScriptedHost}
 * (in-process) or a {@link SimulatedHost} (over SSH). State changes as the real programs change it:
 * the install script puts {@code tailscale} at {@link #cliPath} (tailscaled not yet running);
 * {@code systemctl enable --now tailscaled} starts the daemon, which fails without a TUN device
 * ({@link #tun}) unless {@code --tun=userspace-networking} is in FLAGS; the CLI is a
 * {@link TailscaleNode} (up's checker, set, debug prefs, status with peers' routes); apt-get
 * installs syncthing; {@code rm -f} deletes files. Services that crash show so a few seconds later
 * ({@code systemctl is-active}, {@code NRestarts}) and in their journal. The login user may already
 * run a Syncthing of their own ({@link #userSyncthing}). {@link #prepared} adds the root helper of
 * {@code mesh remote prepare}, with sudo refusing everything else.
 *
 * @param <H> the host type: {@link SimulatedHost} when reached over SSH
 */
public final class SimulatedDebianHost<H extends ScriptedHost> implements AutoCloseable {
    public static final String TAILSCALE_IP = "100.64.0.7";
    public static final String TAILSCALE_IP6 = "fd7a:115c:a1e0::7";
    /** What {@code hostname} and the status JSON call the machine. */
    public static final String HOST_NAME = "web1";
    public static final String HELPER = "sudo -n " + RootHelper.PATH + " ";
    /** What {@code $SSH_CONNECTION} says by default: mesh at .5 on the host's LAN 192.168.10.0/24. */
    public static final String SSH_CONNECTION = "192.168.10.5 50022 192.168.10.20 22";
    /** /proc/net/route of a host at 192.168.10.20/24 with its gateway at .1. */
    public static final String ROUTES = """
            Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
            eth0	00000000	010AA8C0	0003	0	0	0	00000000	0	0	0
            eth0	000AA8C0	00000000	0001	0	0	0	00FFFFFF	0	0	0
            """;
    static final String FACTS = """
            x86_64
            @@mesh:os-release
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            VERSION="12 (bookworm)"
            VERSION_CODENAME=bookworm
            ID=debian
            @@mesh:proc-version
            Linux version 6.1.0-28-amd64 (debian-kernel@lists.debian.org) #1 SMP PREEMPT_DYNAMIC Debian 6.1.119-1
            @@mesh:package-managers
            /usr/bin/apt-get
            """;
    private static final Pattern RM = Pattern.compile("^rm -f '(/tmp/[^']*)'$");
    private static final Pattern SERVICE_CHECK = Pattern.compile("^n=\\$\\(systemctl show -p NRestarts --value (.+?)\\); sleep ");

    public final H host;
    private final String user;
    /** tailscaled and the tailscale CLI. */
    public final TailscaleNode node = new TailscaleNode("linux");
    public volatile boolean systemd = true;
    /** The SSH login is root ({@code id -u} answers 0). */
    public volatile boolean rootLogin;
    /** Whether /dev/net/tun exists. */
    public volatile boolean tun = true;
    public volatile boolean tailscaleInstalled;
    /** Where the login user's {@code command -v tailscale} finds the CLI. */
    public volatile String cliPath = "/usr/bin/tailscale";
    /** Where root's (sudo's secure_path, the helper's PATH) finds it; null: at {@link #cliPath}, "" none. */
    public volatile String rootCliPath;
    /** What the install script installs. */
    public volatile String installedVersion = "1.80.2";
    /** FLAGS in /etc/default/tailscaled. */
    public volatile String tailscaledFlags = "";
    /** tailscaled exits right after it starts (systemd restarts it). */
    public volatile boolean tailscaledCrashes;
    public volatile boolean syncthingInstalled;
    public volatile boolean syncthingUnit;
    /** syncthing@USER exits right after it starts, as a second instance on a locked database does. */
    public volatile boolean syncthingCrashes;
    /** A Syncthing of the user's own: "" none, "user-active", "user-enabled" (its user manager not running), "process". */
    public volatile String userSyncthing = "";
    public volatile String sshConnection = SSH_CONNECTION;
    public volatile String routes = ROUTES;
    /** The key the last {@code up} read, and where it read it from. */
    public volatile String keyReadByUp;
    public volatile String keySource;
    public volatile int upCount;
    /** Called with the Tailscale IP when {@code up} succeeds: the control server now lists the node. */
    public volatile Consumer<String> onJoin = ip -> { };
    /** What the prepared host's helper pins (see {@link #prepared}). */
    public volatile RootHelper.Pins pins = new RootHelper.Pins("", List.of(), false, false, "");
    /** mesh's lock on this host (flock(1) on /run/lock/mesh.lock), taken over SSH only. */
    public final SimulatedLock lock = new SimulatedLock(SimulatedDebianHost::lockWait);

    private SimulatedDebianHost(H host, String user) {
        this.host = host;
        this.user = user;
        node.hostName = HOST_NAME;
        node.daemonRunning = false;
        host.mkdirs("/tmp");
        host.onStream(c -> c.contains("flock -w "), lock);
        host.onExact("echo connected", "connected\n")
                .onExact("uname -s", "Linux\n")
                .onExact("hostname", HOST_NAME + "\n")
                .onPrefix("uname -m;", (c, h) -> ok(FACTS))
                .on("id -u"::equals, (c, h) -> ok(rootLogin ? "0\n" : "1000\n"))
                .onExact("sudo -n true", "")
                .on("command -v tailscale"::equals, (c, h) -> path(userCli()))
                .on("sudo -n sh -c 'command -v tailscale'"::equals, (c, h) -> path(rootCli()))
                .on(("test -c " + TailscaledService.TUN)::equals, (c, h) -> tun ? ok("") : result(1, "", ""))
                .onExact("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                        "Reading package lists...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh"::equals, (c, h) -> installTailscale())
                .on(Systemd.CHECK::equals, (c, h) -> systemd ? ok("") : result(1, "", ""))
                .on("sudo -n systemctl enable --now tailscaled"::equals, (c, h) -> startTailscaled())
                .on(("sudo -n sh -c " + LinuxShell.q(TailscaledService.USERSPACE_SCRIPT))::equals, (c, h) -> userspace())
                .on(c -> SERVICE_CHECK.matcher(c).find(), (c, h) -> serviceState(c))
                .on(c -> c.startsWith("sudo -n journalctl -u "), (c, h) -> journal(c))
                .on("pgrep -x tailscaled"::equals, (c, h) -> !systemd && node.daemonRunning ? ok("412\n") : result(1, "", ""))
                .on(c -> c.matches("sleep [0-9.]+; pgrep -x 'tailscaled'"), (c, h) ->
                        node.daemonRunning && !tailscaledCrashes ? ok("412\n") : result(1, "", ""))
                .on(c -> c.startsWith("sudo -n sh -c 'mkdir -p /var/lib/tailscale && nohup tailscaled"), (c, h) -> background(c))
                .onExact("sudo -n tail -n 20 " + TailscaledService.LOG, tailscaledLog())
                .onCall(c -> c.startsWith("sudo -n /") || c.startsWith("/"), (call, h) -> cli(call))
                .on(LinuxNetwork.COMMAND::equals, (c, h) -> ok(sshConnection + "\n@@mesh:routes\n" + routes))
                .on(c -> RM.matcher(c).matches(), SimulatedDebianHost::remove)
                .on("command -v syncthing"::equals, (c, h) -> syncthingInstalled ? ok("/usr/bin/syncthing\n") : result(1, "", ""))
                .on(ExistingSyncthing.command(user)::equals, (c, h) -> syncthingProbe())
                .onExact("sudo -n timeout -k 2 0 apt-get -o 'DPkg::Lock::Timeout=120' update",
                        "Hit:1 http://deb.debian.org/debian bookworm InRelease\nReading package lists...\n")
                .on("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing"::equals,
                        (c, h) -> installSyncthing())
                .on(("sudo -n systemctl enable --now " + LinuxShell.q("syncthing@" + user))::equals, (c, h) -> startSyncthing());
    }

    /** The seconds {@code flock -w N} waits in {@link HostLockStep}'s command. */
    private static long lockWait(String command) {
        Matcher m = Pattern.compile("flock -w (\\d+) ").matcher(command);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A fresh Debian host for {@code user}, without SSH. */
    public static SimulatedDebianHost<ScriptedHost> inProcess(String user) {
        return new SimulatedDebianHost<>(new ScriptedHost(), user);
    }

    /** A fresh Debian host reached over a real SSH server as {@code steve}. */
    public static SimulatedDebianHost<SimulatedHost> overSsh(Path workDir) {
        SimulatedHost ssh = SimulatedHost.start("steve", workDir);
        return new SimulatedDebianHost<>(ssh, ssh.user());
    }

    /** An in-process connection to this host as its user. */
    public RemoteConnection connection() {
        return host.connection(new TargetHost(user, "debian12.test", 22));
    }

    /** Tailscale installed, tailscaled running, not logged in. */
    public SimulatedDebianHost<H> withTailscale() {
        tailscaleInstalled = true;
        node.daemonRunning = true;
        return this;
    }

    /** Tailscale installed and Running on {@code controlUrl}. */
    public SimulatedDebianHost<H> joinedTo(String controlUrl) {
        withTailscale();
        node.joined(controlUrl);
        return this;
    }

    /**
     * The host after {@code mesh remote prepare}: sudo wants a password for everything except the
     * root helper, which answers its operations (each with the same effect as the sudo form) and
     * refuses arguments it was not prepared for, as mesh-root.sh does.
     */
    public SimulatedDebianHost<H> prepared(String pin) {
        host.on(c -> c.startsWith("sudo -n "), (c, h) -> result(1, "", "sudo: a password is required\n"))
                .on((HELPER + "'check'")::equals, (c, h) -> ok(check(pin)))
                .onExact(HELPER + "'apt-wait-lock'", "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on((HELPER + "'install-tailscale-script'")::equals, (c, h) -> installTailscale())
                .on((HELPER + "'enable-service' 'tailscaled'")::equals, (c, h) -> startTailscaled())
                .on(c -> c.startsWith(HELPER + "'service-log' "), (c, h) -> journal(c))
                .onCall(c -> c.startsWith(HELPER + "'tailscale-"), (call, h) -> helperTailscale(call))
                .on((HELPER + "'tailscale-path'")::equals, (c, h) -> path(rootCli()))
                .onExact(HELPER + "'apt-update'", "Reading package lists...\n")
                .on((HELPER + "'install-syncthing' 'apt'")::equals, (c, h) -> installSyncthing())
                .on((HELPER + "'enable-service' " + LinuxShell.q("syncthing@" + user))::equals, (c, h) -> startSyncthing());
        return this;
    }

    /**
     * The host after {@code mesh remote prepare} installed {@code helperText} (the helper mesh
     * uploaded): its pin and pins are read from the text, as the real helper's {@code check} prints them.
     */
    public SimulatedDebianHost<H> preparedWith(String helperText) {
        String flags = assignment(helperText, "PREF_FLAGS");
        pins = new RootHelper.Pins(assignment(helperText, "LOGIN_SERVER"),
                flags.isEmpty() ? List.of() : List.of(flags.split("\n")), "yes".equals(assignment(helperText, "PIN_RESET")),
                "yes".equals(assignment(helperText, "USERSPACE")), assignment(helperText, "INSTALL_PIN"));
        return prepared(assignment(helperText, "PIN"));
    }

    /** The value of the helper's line {@code NAME='value'} (sh single quotes, {@code '\''} for a quote). */
    private static String assignment(String text, String name) {
        Matcher m = Pattern.compile("\n" + name + "='((?:[^']|'\\\\'')*)'\n").matcher(text);
        return m.find() ? m.group(1).replace("'\\''", "'") : "";
    }

    private String check(String pin) {
        RootHelper.Pins p = pins;
        StringBuilder sb = new StringBuilder("mesh-root " + pin + "\nlogin-server " + p.loginServer() + "\nreset "
                + (p.reset() ? "yes" : "no") + "\nuserspace " + (p.userspace() ? "yes" : "no") + "\ninstall " + p.install() + "\n");
        p.preferences().forEach(f -> sb.append("preference ").append(f).append('\n'));
        return sb.toString();
    }

    /** The helper's tailscale-prefs, -up and -set: pinned flags only, the pinned login server, the key on stdin. */
    private CommandResult helperTailscale(ScriptedHost.Call call) {
        List<String> words = TailscaleNode.shWords(call.command().substring(HELPER.length()));
        String op = words.get(0);
        List<String> args = words.subList(1, words.size());
        if (op.equals("tailscale-prefs")) {
            return node.run(List.of("debug", "prefs"), "", null);
        }
        for (String a : args) {
            boolean plain = a.startsWith("--timeout=") || a.equals("--force-reauth") || a.equals("--auth-key=file:/dev/stdin")
                    || a.equals("--accept-routes=false") || pins.preferences().contains(a)
                    || a.equals("--reset") && pins.reset();
            boolean server = a.startsWith("--login-server=") && (pins.loginServer().isEmpty()
                    || a.equals("--login-server=" + pins.loginServer()));
            if (!(op.equals("tailscale-up") && (plain || server) || op.equals("tailscale-set") && pins.preferences().contains(a)
                    || op.equals("tailscale-set") && a.equals("--accept-routes=false"))) {
                return result(126, "", "mesh-root: refused: " + op + " does not take " + a + "\n");
            }
        }
        return op.equals("tailscale-up") ? tailscale(args, "up", call.input()) : tailscale(args, "set", "");
    }

    private String userCli() {
        return tailscaleInstalled ? cliPath : "";
    }

    private String rootCli() {
        return !tailscaleInstalled ? "" : rootCliPath == null ? cliPath : rootCliPath;
    }

    private static CommandResult path(String p) {
        return p.isEmpty() ? result(1, "", "") : ok(p + "\n");
    }

    /** {@code [sudo -n] /PATH/tailscale ARGS}: the CLI at a path the host has; root needed for prefs, up and set. */
    private CommandResult cli(ScriptedHost.Call call) {
        List<String> words = TailscaleNode.shWords(call.command());
        boolean sudo = words.get(0).equals("sudo");
        boolean root = sudo || rootLogin;
        List<String> argv = sudo ? words.subList(2, words.size()) : words;
        String exe = argv.get(0);
        if (!tailscaleInstalled || !exe.equals(userCli()) && !exe.equals(rootCli())) {
            return result(127, "", "sh: 1: " + exe + ": not found\n");
        }
        List<String> args = argv.subList(1, argv.size());
        String sub = args.isEmpty() ? "" : args.get(0);
        if (!root && (sub.equals("up") || sub.equals("set") || sub.equals("debug"))) {
            return result(1, "", "Access denied: prefs write access denied\n");
        }
        return tailscale(args.subList(1, args.size()), sub, call.input());
    }

    private CommandResult tailscale(List<String> args, String sub, String stdin) {
        List<String> all = new java.util.ArrayList<>();
        all.add(sub);
        all.addAll(args);
        CommandResult r = node.run(all, stdin, host::read);
        if (sub.equals("up") && r.succeeded()) {
            keyReadByUp = node.keyRead;
            keySource = node.keyPath;
            upCount++;
            onJoin.accept(TAILSCALE_IP);
        }
        return r;
    }

    private CommandResult installTailscale() {
        tailscaleInstalled = true;
        node.version = installedVersion;
        return ok("Installing Tailscale for debian bookworm, using method apt\n...\nInstallation complete!\n");
    }

    private CommandResult startTailscaled() {
        if (!tailscaleInstalled) {
            return result(5, "", "Failed to enable unit: Unit file tailscaled.service does not exist.\n");
        }
        node.daemonRunning = (tun || tailscaledFlags.contains(TailscaledService.USERSPACE_FLAG)) && !tailscaledCrashes;
        return ok("Created symlink /etc/systemd/system/multi-user.target.wants/tailscaled.service.\n");
    }

    private CommandResult background(String command) {
        boolean userspace = command.contains(TailscaledService.USERSPACE_FLAG);
        node.daemonRunning = (tun || userspace) && !tailscaledCrashes;
        return node.daemonRunning ? ok("") : result(1, "", "");
    }

    private CommandResult userspace() {
        if (tailscaledFlags.contains(TailscaledService.USERSPACE_FLAG)) {
            return ok("unchanged\n");
        }
        tailscaledFlags = (TailscaledService.USERSPACE_FLAG + " " + tailscaledFlags).strip();
        return ok("changed\n");
    }

    /** The service check: {@code STATE RESTARTS-BEFORE RESTARTS-AFTER}. */
    private CommandResult serviceState(String command) {
        Matcher m = SERVICE_CHECK.matcher(command);
        m.find();
        boolean tailscaled = TailscaleNode.shWords(m.group(1)).equals(List.of("tailscaled"));
        boolean up = tailscaled ? node.daemonRunning && !tailscaledCrashes : syncthingUnit && !syncthingCrashes;
        return ok(up ? "active 0 0\n" : "activating 0 4\n");
    }

    private CommandResult journal(String command) {
        if (command.contains("tailscaled")) {
            return ok(!tun ? "tailscaled[412]: wgengine.NewUserspaceEngine(tun \"tailscale0\") error: tstun.New(\"tailscale0\"):"
                    + " CreateTUN(\"tailscale0\") failed; /dev/net/tun does not exist\n"
                    + "systemd[1]: tailscaled.service: Main process exited, code=exited, status=1/FAILURE\n"
                    : "tailscaled[412]: open /var/lib/tailscale/tailscaled.state: is a directory\n"
                    + "systemd[1]: tailscaled.service: Main process exited, code=exited, status=1/FAILURE\n");
        }
        return ok("syncthing[501]: WARNING: Failed to acquire lock: Is another Syncthing instance already running?\n"
                + "systemd[1]: syncthing@" + user + ".service: Main process exited, code=exited, status=1/FAILURE\n");
    }

    private String tailscaledLog() {
        return "tailscaled: open /var/lib/tailscale/tailscaled.state: is a directory\n";
    }

    private CommandResult syncthingProbe() {
        boolean process = syncthingUnit && !syncthingCrashes || userSyncthing.equals("process")
                || userSyncthing.equals("user-active");
        StringBuilder sb = new StringBuilder("process=" + (process ? "2211" : "") + "\n");
        if (systemd) {
            sb.append("unit-active=").append(syncthingUnit ? syncthingCrashes ? "activating" : "active" : "inactive").append('\n')
                    .append("unit-enabled=").append(syncthingUnit ? "enabled" : "disabled").append('\n')
                    .append("user-active=").append(userSyncthing.equals("user-active") ? "active" : "").append('\n')
                    .append("user-enabled=").append(userSyncthing.equals("user-active") ? "enabled" : "").append('\n');
        }
        if (userSyncthing.equals("user-enabled")) {
            sb.append("user-link=yes\n");
        }
        return ok(sb.toString());
    }

    private CommandResult installSyncthing() {
        syncthingInstalled = true;
        return ok("Setting up syncthing (1.19.2~ds1-1+b4) ...\n");
    }

    private CommandResult startSyncthing() {
        syncthingUnit = true;
        return ok("Created symlink /etc/systemd/system/multi-user.target.wants/syncthing@" + user + ".service.\n");
    }

    /** {@code rm -f '/tmp/...'}: deletes the file. */
    private static CommandResult remove(String command, ScriptedHost host) {
        Matcher m = RM.matcher(command);
        m.matches();
        host.delete(m.group(1));
        return ok("");
    }

    /** A host with /tmp that knows only {@code rm -f}, for tests that script every other answer. */
    public static ScriptedHost bare() {
        return new ScriptedHost().mkdirs("/tmp").on(c -> RM.matcher(c).matches(), SimulatedDebianHost::remove);
    }

    @Override
    public void close() {
        if (host instanceof SimulatedHost ssh) {
            ssh.close();
        }
    }
}
