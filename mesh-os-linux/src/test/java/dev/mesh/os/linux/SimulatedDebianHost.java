// Stands in for a Debian 12 host reached over SSH as a sudo (NOPASSWD) user, with Tailscale's install script and tailscale CLI (which cannot run here): a stateful transcript of what sh, sudo, apt-get, systemctl, install.sh and tailscale answer, as reference/facts.md documents them.
package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.SimulatedLock;
import dev.mesh.testkit.TailscaleUpDouble;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Debian model the Linux plugin's tests and mesh-cli's tests share, on a {@link ScriptedHost}
 * (in-process) or a {@link SimulatedHost} (over SSH). State changes as the real programs change it:
 * the install script makes {@code tailscale} exist; {@code tailscale up} reads its flags and key as
 * the CLI does ({@link TailscaleUpDouble}) and makes the node Running; apt-get installs syncthing; {@code rm -f} deletes files. {@link #prepared} adds
 * the root helper of {@code mesh remote prepare}, with sudo refusing everything else.
 *
 * @param <H> the host type: {@link SimulatedHost} when reached over SSH
 */
public final class SimulatedDebianHost<H extends ScriptedHost> implements AutoCloseable {
    public static final String TAILSCALE_IP = "100.64.0.7";
    public static final String TAILSCALE_IP6 = "fd7a:115c:a1e0::7";
    /** What {@code hostname} and the status JSON call the machine. */
    public static final String HOST_NAME = "web1";
    public static final String HELPER = "sudo -n " + RootHelper.PATH + " ";
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

    public final H host;
    private final String user;
    public volatile boolean systemd = true;
    public volatile boolean tailscaleInstalled;
    public volatile boolean running;
    public volatile boolean syncthingInstalled;
    /** What {@code tailscale debug prefs} calls the control server; set by {@code up}. */
    public volatile String controlUrl = "";
    /** The key the last {@code up} read, and where it read it from. */
    public volatile String keyReadByUp;
    public volatile String keySource;
    public volatile int upCount;
    /** Called with the Tailscale IP when {@code up} succeeds: the control server now lists the node. */
    public volatile Consumer<String> onJoin = ip -> { };
    /** mesh's lock on this host (flock(1) on /run/lock/mesh.lock), taken over SSH only. */
    public final SimulatedLock lock = new SimulatedLock(SimulatedDebianHost::lockWait);

    private SimulatedDebianHost(H host, String user) {
        this.host = host;
        this.user = user;
        host.mkdirs("/tmp");
        host.onStream(c -> c.contains("flock -w "), lock);
        host.onExact("echo connected", "connected\n")
                .onExact("uname -s", "Linux\n")
                .onExact("hostname", HOST_NAME + "\n")
                .onPrefix("uname -m;", (c, h) -> ok(FACTS))
                .onExact("id -u", "1000\n")
                .onExact("sudo -n true", "")
                .on("command -v tailscale"::equals, (c, h) -> tailscaleInstalled ? ok("/usr/bin/tailscale\n") : result(1, "", ""))
                .onExact("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                        "Reading package lists...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh"::equals, (c, h) -> installTailscale())
                .onExact("tailscale version", "1.80.2\n  tailscale commit: 1234abcd\n  go version: go1.23.4\n")
                .on(Systemd.CHECK::equals, (c, h) -> systemd ? ok("") : result(1, "", ""))
                .onExact("sudo -n systemctl enable --now tailscaled", "")
                .on("tailscale status --json"::equals, (c, h) -> ok(TailscaleJson.status(running ? "Running" : "NeedsLogin")))
                .on("sudo -n tailscale debug prefs"::equals, (c, h) -> ok(TailscaleJson.prefs(controlUrl)))
                .onCall(c -> c.startsWith("sudo -n tailscale up "), (call, h) -> up(call))
                .on(c -> RM.matcher(c).matches(), SimulatedDebianHost::remove)
                .on("command -v syncthing"::equals, (c, h) -> syncthingInstalled ? ok("/usr/bin/syncthing\n") : result(1, "", ""))
                .onExact("sudo -n timeout -k 2 0 apt-get -o 'DPkg::Lock::Timeout=120' update",
                        "Hit:1 http://deb.debian.org/debian bookworm InRelease\nReading package lists...\n")
                .on("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing"::equals,
                        (c, h) -> installSyncthing())
                .onExact("sudo -n systemctl enable --now 'syncthing@" + user + "'",
                        "Created symlink /etc/systemd/system/multi-user.target.wants/syncthing@" + user + ".service.\n")
                .on(c -> c.startsWith("systemctl is-enabled --quiet 'syncthing@"),
                        (c, h) -> syncthingInstalled ? ok("") : result(1, "", ""));
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

    /**
     * The host after {@code mesh remote prepare}: sudo wants a password for everything except the
     * root helper, which answers its operations (each with the same effect as the sudo form).
     */
    public SimulatedDebianHost<H> prepared(String pin) {
        host.on(c -> c.startsWith("sudo -n "), (c, h) -> result(1, "", "sudo: a password is required\n"))
                .onExact(HELPER + "'check'", "mesh-root " + pin + "\n")
                .onExact(HELPER + "'apt-wait-lock'", "0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .on((HELPER + "'install-tailscale-script'")::equals, (c, h) -> installTailscale())
                .onExact(HELPER + "'enable-service' 'tailscaled'", "")
                .on((HELPER + "'tailscale-prefs'")::equals, (c, h) -> ok(TailscaleJson.prefs(controlUrl)))
                .onCall(c -> c.startsWith(HELPER + "'tailscale-up' "), (call, h) -> up(call))
                .onExact(HELPER + "'apt-update'", "Reading package lists...\n")
                .on((HELPER + "'install-syncthing' 'apt'")::equals, (c, h) -> installSyncthing())
                .onExact(HELPER + "'enable-service' 'syncthing@" + user + "'", "");
        return this;
    }

    private CommandResult installTailscale() {
        tailscaleInstalled = true;
        return ok("Installing Tailscale for debian bookworm, using method apt\n...\nInstallation complete!\n");
    }

    private CommandResult installSyncthing() {
        syncthingInstalled = true;
        return ok("Setting up syncthing (1.19.2~ds1-1+b4) ...\n");
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

    private CommandResult up(ScriptedHost.Call call) {
        TailscaleUpDouble.Up up;
        try {
            up = TailscaleUpDouble.read(call, host);
        } catch (TailscaleUpDouble.Failure failure) {
            return failure.result();
        }
        keyReadByUp = up.key();
        keySource = up.keyPath();
        controlUrl = up.loginServer();
        upCount++;
        joined();
        return ok("");
    }

    /** What a successful {@code tailscale up} does: tailscaled Running, and Headscale lists the node. */
    public void joined() {
        running = true;
        onJoin.accept(TAILSCALE_IP);
    }

    @Override
    public void close() {
        if (host instanceof SimulatedHost ssh) {
            ssh.close();
        }
    }
}
