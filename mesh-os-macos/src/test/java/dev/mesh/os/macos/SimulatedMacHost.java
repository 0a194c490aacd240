// Stands in for a Mac (macOS 14, Apple silicon, zsh) reached over SSH, with optional Homebrew, Homebrew's tailscale/tailscaled, the Tailscale app and Syncthing (none of which can run here), answering as reference/facts.md documents.
package dev.mesh.os.macos;

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
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The macOS model the macOS plugin's tests and mesh-cli's tests share, on a {@link ScriptedHost}
 * (in-process) or a {@link SimulatedHost} (over SSH). Programs exist as files: {@code brew},
 * Homebrew's {@code tailscale} (after {@code brew install tailscale}), the app's CLI. Modelled facts:
 * Homebrew is not on a non-interactive SSH PATH ({@code command -v} fails, the standard prefix is
 * found); Homebrew's tailscaled is a root daemon, so its CLI needs sudo and nothing answers until
 * {@code sudo brew services start tailscale}; the app's CLI talks to the app as the logged-in user;
 * the CLI is a {@link TailscaleNode} on darwin (up's checker, set, debug prefs, the key from
 * {@code file:/dev/stdin}); services Homebrew starts can stop at once, and then say why in
 * {@code /opt/homebrew/var/log}; the user may already run a Syncthing (a process, a launchd agent).
 *
 * @param <H> the host type: {@link SimulatedHost} when reached over SSH
 */
public final class SimulatedMacHost<H extends ScriptedHost> implements AutoCloseable {
    public static final String BREW = "/opt/homebrew/bin/brew";
    public static final String BREW_TAILSCALE = "/opt/homebrew/bin/tailscale";
    public static final String APP_CLI = MacTailscale.APP_CLI;
    public static final String TAILSCALE_IP = "100.64.0.9";

    public final H host;

    // ---- how the host is set up ----
    public volatile boolean sudoWithoutPassword = true;
    /** What sudo says when {@link #sudoWithoutPassword} is false (sudo 1.9's words for a password prompt under -n). */
    public volatile String sudoRefusal = "sudo: a password is required\n";
    /** tailscaled (Homebrew's daemon, or the app) and the CLI; not running until started. */
    public final TailscaleNode node = new TailscaleNode("darwin");
    public final Set<String> validKeys = node.validKeys;
    /** tailscaled stops right after brew services starts it. */
    public volatile boolean tailscaledCrashes;
    /** What {@code brew install/upgrade tailscale} installs. */
    public volatile String brewVersion = "1.80.2";
    public volatile boolean syncthingInstalled;
    public volatile boolean syncthingStarted;
    public volatile boolean syncthingCrashes;
    /** A Syncthing of the user's own: "" none, "process", or a launchd label such as com.github.xor-gate.syncthing-macosx. */
    public volatile String ownSyncthing = "";

    // ---- what happened ----
    public final List<String> unknown = new CopyOnWriteArrayList<>();
    public final List<String> keysReadByUp = new CopyOnWriteArrayList<>();
    /** Where each {@code up} read its key from. */
    public final List<String> keySources = new CopyOnWriteArrayList<>();
    /** Called with the node's Tailscale IP when {@code tailscale up} joins it (Headscale then lists it). */
    public volatile Consumer<String> onJoin = address -> { };
    /** mesh's lock on this Mac (perl's flock on /tmp/mesh.lock), taken over SSH only. */
    public final SimulatedLock lock = new SimulatedLock(SimulatedMacHost::lockWait);

    private SimulatedMacHost(H host) {
        this.host = host;
        node.daemonRunning = false;
        node.anyKey = false;
        node.hostName = "mac-mini";
        node.addresses = List.of(TAILSCALE_IP);
        host.mkdirs("/tmp").mkdirs("/Applications");
        host.onCall(c -> true, (call, h) -> answer(call));
        host.onStream(c -> c.startsWith("exec /usr/bin/perl -e ") && c.contains("flock($fh, LOCK_EX | LOCK_NB)"), lock);
    }

    /** The seconds the lock command's last argument waits. */
    private static long lockWait(String command) {
        String[] words = command.split(" ");
        return Long.parseLong(words[words.length - 1]);
    }

    /** A Mac without Homebrew or Tailscale, without SSH. */
    public static SimulatedMacHost<ScriptedHost> inProcess() {
        return new SimulatedMacHost<>(new ScriptedHost());
    }

    /** A Mac without Homebrew or Tailscale, reached over a real SSH server as {@code steve}. */
    public static SimulatedMacHost<SimulatedHost> overSsh(Path workDir) {
        return new SimulatedMacHost<>(SimulatedHost.start("steve", workDir));
    }

    /** An in-process connection to this Mac as {@code steve}. */
    public RemoteConnection connection() {
        return host.connection(new TargetHost("steve", "mac-mini.lan", 22));
    }

    public SimulatedMacHost<H> withHomebrew() {
        return executable(BREW);
    }

    /** The Tailscale app, installed and running in a user's session. */
    public SimulatedMacHost<H> withTailscaleApp() {
        node.daemonRunning = true;
        return executable(APP_CLI);
    }

    /** Homebrew's tailscale, installed (its daemon not started). */
    public SimulatedMacHost<H> withHomebrewTailscale() {
        return executable(BREW_TAILSCALE);
    }

    public boolean exists(String path) {
        return host.exists(path);
    }

    /** Every command line, as received. */
    public List<String> commands() {
        return host.commands();
    }

    private SimulatedMacHost<H> executable(String path) {
        host.write(path, new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe});
        return this;
    }

    private synchronized CommandResult answer(ScriptedHost.Call call) {
        String c = call.command();
        switch (c) {
            case "echo connected":
                return ok("connected\n");
            case "uname -s":
                return ok("Darwin\n");
            case "hostname":
                return ok("studio-mac.local\n");
            case "sw_vers -productVersion":
                return ok("14.5\n");
            case "uname -m":
                return ok("arm64\n");
            case "sudo -n true":
                return sudo(() -> ok(""));
            default:
                break;
        }
        if (c.equals(Homebrew.LOCATE)) {
            return exists(BREW) ? ok(BREW + "\n") : result(1, "", "");
        }
        if (c.equals(MacTailscale.LOCATE)) {
            return exists(APP_CLI) ? ok(APP_CLI + "\n") : exists(BREW_TAILSCALE) ? ok(BREW_TAILSCALE + "\n") : result(1, "", "");
        }
        String brew = "'" + BREW + "' ";
        if (exists(BREW) && c.startsWith(brew)) {
            return brew(c.substring(brew.length()));
        }
        if (exists(BREW) && c.equals("sudo -n " + brew + "services start tailscale")) {
            return sudo(() -> {
                if (!exists(BREW_TAILSCALE)) {
                    return result(1, "", "Error: No available formula with the name \"tailscale\".\n");
                }
                node.daemonRunning = !tailscaledCrashes;
                return ok("==> Successfully started `tailscale` (label: homebrew.mxcl.tailscale)\n");
            });
        }
        if (exists(BREW) && c.equals("sudo -n " + brew + "services restart tailscale")) {
            return sudo(() -> ok("==> Successfully restarted `tailscale` (label: homebrew.mxcl.tailscale)\n"));
        }
        if (c.matches("sleep [0-9.]+; pgrep -x -u 0 tailscaled")) {
            return node.daemonRunning && exists(BREW_TAILSCALE) ? ok("301\n") : result(1, "", "");
        }
        if (c.matches("sleep [0-9.]+; pgrep -x -u \"\\$\\(id -u\\)\" syncthing")) {
            return syncthingStarted && !syncthingCrashes ? ok("602\n") : result(1, "", "");
        }
        if (c.equals("sudo -n tail -n 20 '/opt/homebrew/var/log/tailscaled.log'")) {
            return sudo(() -> ok("tailscaled: getLocalBackend error: createEngine: utun: operation not permitted\n"));
        }
        if (c.equals("tail -n 20 '/opt/homebrew/var/log/syncthing.log'")) {
            return ok("[ABCDE] WARNING: Failed to acquire lock: is another Syncthing instance already running?\n");
        }
        if (c.equals(MacSyncthingInstaller.PROBE)) {
            boolean process = syncthingStarted && !syncthingCrashes || ownSyncthing.equals("process");
            String agent = ownSyncthing.equals("process") ? "" : ownSyncthing;
            return ok("process=" + (process ? "602" : "") + "\nagent=" + agent + "\n");
        }
        if (c.equals(MacTailscaleHost.PATH)) {
            return ok("192.168.1.5 50022 192.168.1.30 22\n@@mesh:ifconfig\nlo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384\n"
                    + "\tinet 127.0.0.1 netmask 0xff000000\nen0: flags=8863<UP,BROADCAST,SMART,RUNNING,SIMPLEX,MULTICAST> mtu 1500\n"
                    + "\tinet6 fe80::1c2f:8a1b:2a3c:4d5e%en0 prefixlen 64 secured scopeid 0x6\n"
                    + "\tinet 192.168.1.30 netmask 0xffffff00 broadcast 192.168.1.255\n");
        }
        String sudoBrewCli = "sudo -n '" + BREW_TAILSCALE + "' ";
        if (exists(BREW_TAILSCALE) && c.startsWith(sudoBrewCli)) {
            return sudo(() -> tailscale(c.substring(sudoBrewCli.length()), call));
        }
        String appCli = "'" + APP_CLI + "' ";
        if (exists(APP_CLI) && c.startsWith(appCli)) {
            return tailscale(c.substring(appCli.length()), call);
        }
        unknown.add(c);
        return result(127, "", "zsh:1: command not found: " + c.split(" ", 2)[0] + "\n");
    }

    private interface Answer {
        CommandResult get();
    }

    private CommandResult sudo(Answer then) {
        return sudoWithoutPassword ? then.get() : result(1, "", sudoRefusal);
    }

    private CommandResult brew(String args) {
        switch (args) {
            case "install tailscale":
                withHomebrewTailscale();
                node.version = brewVersion;
                return ok("==> Pouring tailscale--" + brewVersion + ".arm64_sonoma.bottle.tar.gz\n");
            case "upgrade tailscale":
                node.version = brewVersion;
                return ok("==> Upgrading tailscale\n");
            case "install syncthing":
                syncthingInstalled = true;
                return ok("==> Pouring syncthing--1.27.8.arm64_sonoma.bottle.tar.gz\n");
            case "list --versions syncthing":
                return syncthingInstalled ? ok("syncthing 1.27.8\n") : result(1, "", "");
            case "services list":
                return ok("Name      Status  User  File\n" + (syncthingInstalled ? "syncthing " + (syncthingStarted
                        ? "started steve ~/Library/LaunchAgents/homebrew.mxcl.syncthing.plist" : "none") + "\n" : ""));
            case "services start syncthing":
                syncthingStarted = syncthingInstalled;
                if (!syncthingInstalled) {
                    return result(1, "", "Error: No available formula\n");
                }
                return ok("==> Successfully started `syncthing`\n");
            case "services restart syncthing":
                syncthingStarted = syncthingInstalled;
                return syncthingInstalled ? ok("==> Successfully started `syncthing`\n") : result(1, "", "Error: No available formula\n");
            default:
                unknown.add("brew " + args);
                return result(1, "", "Error: Unknown command: " + args + "\n");
        }
    }

    private CommandResult tailscale(String args, ScriptedHost.Call call) {
        List<String> words = TailscaleNode.shWords(args);
        node.keyRead = null;
        node.keyPath = null;
        CommandResult r = node.run(words, call.input(), host::read);
        if (!words.isEmpty() && words.get(0).equals("up")) {
            if (node.keyPath != null && node.keyRead != null) {
                keysReadByUp.add(node.keyRead);
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
