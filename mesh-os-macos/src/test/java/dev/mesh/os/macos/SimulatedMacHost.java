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
import dev.mesh.testkit.TailscaleUpDouble;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The macOS model the macOS plugin's tests and mesh-cli's tests share, on a {@link ScriptedHost}
 * (in-process) or a {@link SimulatedHost} (over SSH). Programs exist as files: {@code brew},
 * Homebrew's {@code tailscale} (after {@code brew install tailscale}), the app's CLI. Modelled facts:
 * Homebrew is not on a non-interactive SSH PATH ({@code command -v} fails, the standard prefix is
 * found); Homebrew's tailscaled is a root daemon, so its CLI needs sudo and nothing answers until
 * {@code sudo brew services start tailscale}; the app's CLI talks to the app as the logged-in user;
 * {@code tailscale up} reads its flags and key as the CLI does ({@link TailscaleUpDouble}).
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
    public final Set<String> validKeys = new CopyOnWriteArraySet<>();
    public volatile boolean tailscaledRunning;
    public volatile boolean syncthingInstalled;
    public volatile boolean syncthingStarted;
    public volatile String backendState = "NeedsLogin";
    public volatile String ip = "";
    public volatile String controlUrl = "";

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

    public SimulatedMacHost<H> withTailscaleApp() {
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
                tailscaledRunning = exists(BREW_TAILSCALE);
                return tailscaledRunning ? ok("==> Successfully started `tailscale` (label: homebrew.mxcl.tailscale)\n")
                        : result(1, "", "Error: No available formula with the name \"tailscale\".\n");
            });
        }
        String sudoBrewCli = "sudo -n '" + BREW_TAILSCALE + "' ";
        if (exists(BREW_TAILSCALE) && c.startsWith(sudoBrewCli)) {
            return sudo(() -> tailscaledRunning ? tailscale(c.substring(sudoBrewCli.length()), call)
                    : result(1, "", "failed to connect to local tailscaled; it doesn't appear to be running"
                            + " (sudo brew services start tailscale ?)\n"));
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
        return sudoWithoutPassword ? then.get() : result(1, "", "sudo: a password is required\n");
    }

    private CommandResult brew(String args) {
        switch (args) {
            case "install tailscale":
                withHomebrewTailscale();
                return ok("==> Pouring tailscale--1.80.2.arm64_sonoma.bottle.tar.gz\n");
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
                return syncthingInstalled ? ok("==> Successfully started `syncthing`\n") : result(1, "", "Error: No available formula\n");
            default:
                unknown.add("brew " + args);
                return result(1, "", "Error: Unknown command: " + args + "\n");
        }
    }

    private CommandResult tailscale(String args, ScriptedHost.Call call) {
        switch (args) {
            case "version":
                return ok("1.80.2\n  tailscale commit: 1234abcd\n");
            case "status --json":
                return ok("{\"Version\": \"1.80.2\", \"BackendState\": \"" + backendState + "\", \"TailscaleIPs\": "
                        + (ip.isEmpty() ? "null" : "[\"" + ip + "\"]") + ", \"Self\": {\"HostName\": \"mac-mini\", \"Online\": "
                        + !ip.isEmpty() + "}}\n");
            case "debug prefs":
                return ok("{\"ControlURL\": \"" + controlUrl + "\"}\n");
            default:
                break;
        }
        if (!args.startsWith("up ")) {
            unknown.add("tailscale " + args);
            return result(1, "", "unknown tailscale command\n");
        }
        TailscaleUpDouble.Up up;
        try {
            up = TailscaleUpDouble.read(call, host);
        } catch (TailscaleUpDouble.Failure failure) {
            return failure.result();
        }
        keysReadByUp.add(up.key());
        keySources.add(up.keyPath());
        if (!validKeys.contains(up.key())) {
            return result(1, "", "backend error: invalid key: unable to validate API key\n");
        }
        backendState = "Running";
        ip = TAILSCALE_IP;
        controlUrl = up.loginServer();
        onJoin.accept(ip);
        return ok("");
    }

    @Override
    public void close() {
        if (host instanceof SimulatedHost ssh) {
            ssh.close();
        }
    }
}
