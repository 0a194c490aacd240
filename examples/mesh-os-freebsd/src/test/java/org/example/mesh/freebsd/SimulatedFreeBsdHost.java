// Stands in for a FreeBSD 14.1 host reached over SSH (sh, pkg(8), sysrc(8), service(8) with rc.subr, sudo or doas, the tailscale and syncthing packages), none of which can run here; it answers as their manual pages and rc.subr document.
package org.example.mesh.freebsd;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.TailscaleNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The FreeBSD model of this plugin's tests, on a {@link ScriptedHost} (in-process) or a
 * {@link SimulatedHost} (over a real SSH server, for mesh's own CLI). Modelled facts:
 * <ul>
 *   <li>{@code pkg info -e NAME} exits 0 when NAME is installed, 1 otherwise; {@code pkg install} and
 *       {@code upgrade} need root ("pkg: Insufficient privileges to install packages", exit 77);</li>
 *   <li>{@code sysrc NAME=VALUE} writes /etc/rc.conf (root only) and prints {@code NAME: OLD -> VALUE};</li>
 *   <li>{@code service NAME start|status|restart} (rc.subr): a service not enabled prints "Cannot 'start'
 *       NAME. Set NAME_enable to YES in /etc/rc.conf or use 'onestart' instead of 'start'." and exits 0;
 *       a running one "NAME already running? (pid=N)." on stderr, exit 1; status prints "NAME is running
 *       as pid N." (0) or "NAME is not running." (1); a package not installed has no rc.d script;</li>
 *   <li>tailscaled's rc.d script starts it with daemon(8), which returns 0 even when tailscaled then dies
 *       ({@link #tailscaledCrashes}); the CLI is a {@link TailscaleNode} on freebsd whose socket is root's;</li>
 *   <li>the login is root, or reaches root with {@code sudo -n} or {@code doas -n}, or not at all ({@link #root}).</li>
 * </ul>
 *
 * @param <H> the host type: {@link SimulatedHost} when reached over SSH
 */
public final class SimulatedFreeBsdHost<H extends ScriptedHost> implements AutoCloseable {
    public static final String TAILSCALE_IP = "100.64.0.12";

    public final H host;
    /** {@code root} (the login is root), {@code sudo}, {@code doas}, or {@code none}. */
    public volatile String root = "sudo";
    public final TailscaleNode node = new TailscaleNode("freebsd");
    public final Set<String> validKeys = node.validKeys;
    /** Installed packages. */
    public final Set<String> packages = new CopyOnWriteArraySet<>();
    /** /etc/rc.conf. */
    public final Map<String, String> rcConf = new ConcurrentHashMap<>();
    public volatile boolean tailscaledCrashes;
    public volatile boolean syncthingRunning;
    /** A syncthing process someone started outside rc.d. */
    public volatile boolean ownSyncthing;
    /** What {@code pkg install|upgrade tailscale} installs. */
    public volatile String pkgTailscaleVersion = "1.80.2";

    public final List<String> unknown = new CopyOnWriteArrayList<>();
    /** Where each {@code up} read its key from. */
    public final List<String> keySources = new CopyOnWriteArrayList<>();
    /** Called with the node's Tailscale IP when {@code tailscale up} joins it (Headscale then lists it). */
    public volatile Consumer<String> onJoin = address -> { };

    private SimulatedFreeBsdHost(H host) {
        this.host = host;
        node.daemonRunning = false;
        node.anyKey = false;
        node.hostName = "bsd1";
        node.addresses = List.of(TAILSCALE_IP);
        host.mkdirs("/tmp");
        host.onCall(c -> true, (call, h) -> answer(call));
    }

    /** A FreeBSD host with neither package, without SSH. */
    public static SimulatedFreeBsdHost<ScriptedHost> inProcess() {
        return new SimulatedFreeBsdHost<>(new ScriptedHost());
    }

    /** The same, reached over a real SSH server as {@code beastie}. */
    public static SimulatedFreeBsdHost<SimulatedHost> overSsh(Path workDir) {
        return new SimulatedFreeBsdHost<>(SimulatedHost.start("beastie", workDir));
    }

    /** An in-process connection as {@code beastie}. */
    public RemoteConnection connection() {
        return host.connection(new TargetHost("beastie", "bsd1.lan", 22));
    }

    public List<String> commands() {
        return host.commands();
    }

    private synchronized CommandResult answer(ScriptedHost.Call call) {
        String c = call.command();
        switch (c) {
            case "echo connected":
                return ok("connected\n");
            case "uname -s":
                return ok("FreeBSD\n");
            case "freebsd-version":
                return ok("14.1-RELEASE-p5\n");
            case "uname -m":
                return ok("amd64\n");
            case "hostname":
                return ok("bsd1.lan\n");
            case FreeBsdSyncthing.OTHER_PROCESS:
                return ownSyncthing || syncthingRunning ? ok("4242\n") : result(1, "", "");
            default:
                break;
        }
        if (c.startsWith("if [ \"$(id -u)\" = 0 ]; then echo root;")) {
            List<String> tried = List.of(c.substring(c.indexOf("for t in ") + 9, c.indexOf("; do")).split(" "));
            return ok((root.equals("root") || tried.contains(root) ? root : "none") + "\n");
        }
        if (c.startsWith("pkg info -e ")) {
            return packages.contains(c.substring("pkg info -e ".length())) ? ok("") : result(1, "", "");
        }
        String prefix = root.equals("root") ? "" : root + " -n ";
        if (!c.startsWith(prefix) || root.equals("none")) {
            return unprivileged(c);
        }
        return privileged(c.substring(prefix.length()), call);
    }

    /** What a command meant for root answers when run without it. */
    private CommandResult unprivileged(String c) {
        if (c.startsWith("sudo -n ") || c.startsWith("doas -n ")) {
            return c.startsWith("sudo") ? result(1, "", "sudo: a password is required\n") : result(1, "", "doas: Authentication failed\n");
        }
        if (c.startsWith("pkg install") || c.startsWith("pkg upgrade")) {
            return result(77, "", "pkg: Insufficient privileges to install packages\n");
        }
        if (c.startsWith("sysrc ")) {
            return result(1, "", "sysrc: /etc/rc.conf: Permission denied\n");
        }
        unknown.add(c);
        return result(127, "", "sh: " + c.split(" ", 2)[0] + ": not found\n");
    }

    private CommandResult privileged(String c, ScriptedHost.Call call) {
        if (c.startsWith("pkg install -y ") || c.startsWith("pkg upgrade -y ")) {
            String name = c.substring("pkg install -y ".length());
            if (!name.equals("tailscale") && !name.equals("syncthing")) {
                return result(1, "", "pkg: No packages available to install matching '" + name + "' have been found in the repositories\n");
            }
            packages.add(name);
            if (name.equals("tailscale")) {
                node.version = pkgTailscaleVersion;
            }
            return ok("Updating FreeBSD repository catalogue...\nFreeBSD repository is up to date.\n[1/1] Installing " + name + "...\n");
        }
        if (c.startsWith("sysrc ") && c.contains("=")) {
            String[] kv = c.substring("sysrc ".length()).split("=", 2);
            String old = rcConf.getOrDefault(kv[0], "");
            rcConf.put(kv[0], kv[1]);
            return ok(kv[0] + ": " + old + " -> " + kv[1] + "\n");
        }
        if (c.startsWith("service ")) {
            String[] words = c.split(" ");
            return words.length == 3 ? service(words[1], words[2]) : result(1, "", "usage: service ...\n");
        }
        String cli = FreeBsdTailscale.CLI + " ";
        if (c.startsWith(cli)) {
            return packages.contains("tailscale") ? tailscale(c.substring(cli.length()), call)
                    : result(1, "", "sudo: " + FreeBsdTailscale.CLI + ": command not found\n");
        }
        unknown.add(c);
        return result(127, "", "sh: " + c.split(" ", 2)[0] + ": not found\n");
    }

    /** rc.subr's run_rc_command for the two packages' scripts. */
    private CommandResult service(String name, String verb) {
        String pkg = name.equals("tailscaled") ? "tailscale" : name;
        if (!packages.contains(pkg) || !Set.of("tailscaled", "syncthing").contains(name)) {
            return result(1, "", "service: " + name + " does not exist in /etc/rc.d or the local startup directories"
                    + " (/usr/local/etc/rc.d), or is not executable\n");
        }
        boolean running = name.equals("tailscaled") ? node.daemonRunning : syncthingRunning;
        String pid = name.equals("tailscaled") ? "1402" : "1733";
        switch (verb) {
            case "status":
                return running ? ok(name + " is running as pid " + pid + ".\n") : result(1, name + " is not running.\n", "");
            case "start":
            case "restart":
                if (!"YES".equals(rcConf.get(name + "_enable"))) {
                    return ok("Cannot '" + verb + "' " + name + ". Set " + name + "_enable to YES in /etc/rc.conf or use 'one"
                            + verb + "' instead of '" + verb + "'.\n");
                }
                if (running && verb.equals("start")) {
                    return result(1, "", name + " already running?  (pid=" + pid + ").\n");
                }
                if (name.equals("tailscaled")) {
                    node.daemonRunning = !tailscaledCrashes; // daemon(8) -f returned 0 either way
                    return ok("");
                }
                syncthingRunning = true;
                return ok("Starting syncthing.\n");
            default:
                unknown.add("service " + name + " " + verb);
                return result(1, "", "/usr/local/etc/rc.d/" + name + ": unknown directive '" + verb + "'.\n");
        }
    }

    private CommandResult tailscale(String args, ScriptedHost.Call call) {
        List<String> words = TailscaleNode.shWords(args);
        node.keyPath = null;
        CommandResult r = node.run(words, call.input(), host::read);
        if (!words.isEmpty() && words.get(0).equals("up")) {
            if (node.keyPath != null) {
                keySources.add(node.keyPath);
            }
            if (r.succeeded()) {
                onJoin.accept(TAILSCALE_IP);
            }
        }
        if (r.exitCode() == 2) {
            unknown.add("tailscale " + args);
        }
        return r;
    }

    @Override
    public void close() {
        if (host instanceof SimulatedHost ssh) {
            ssh.close();
        }
    }
}
