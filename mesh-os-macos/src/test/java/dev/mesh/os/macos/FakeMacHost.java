// Stands in for a Mac reached over SSH (macOS 14, zsh login shell) with optional Homebrew, Homebrew's tailscale/tailscaled, the Tailscale app, and Syncthing, behaving as reference/facts.md documents.
package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted Mac answering the exact command lines mesh sends. Modelled facts: Homebrew is often not
 * on a non-interactive SSH PATH; Homebrew's tailscaled is a root daemon (its CLI needs sudo, and
 * nothing answers until {@code sudo brew services start tailscale}); the app's CLI talks to the app
 * as the logged-in user; {@code tailscale up} without {@code --timeout} blocks forever and reads
 * {@code --auth-key=file:PATH} from that file; SFTP does not create directories.
 */
final class FakeMacHost implements RemoteConnection {
    static final String BREW = "/opt/homebrew/bin/brew";
    static final String BREW_TAILSCALE = "/opt/homebrew/bin/tailscale";
    static final String TEMP_DIR = "/tmp/mesh.Q7x2Lp";
    static final String TAILSCALE_IP = "100.64.0.9";

    // ---- how the host is set up ----
    boolean brewInstalled = true;
    boolean brewOnPath;
    boolean sudoWithoutPassword = true;
    boolean appInstalled;
    boolean brewTailscale;
    boolean tailscaledRunning;
    boolean syncthingInstalled;
    boolean syncthingStarted;
    String backendState = "NeedsLogin";
    String ip = "";
    String controlUrl = "";
    final Set<String> validKeys = new HashSet<>();

    // ---- what happened ----
    final List<String> commands = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    final Map<String, byte[]> files = new HashMap<>();
    final Map<String, Integer> modes = new HashMap<>();
    final Set<String> directories = new HashSet<>();

    @Override
    public TargetHost host() {
        return new TargetHost("steve", "mac-mini.lan", 22);
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        if (!directories.contains(path.substring(0, path.lastIndexOf('/')))) {
            throw new TransportException("SFTP: no such file: " + path);
        }
        files.put(path, content.clone());
        modes.put(path, mode);
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        commands.add(command);
        String brew = "'" + BREW + "' ";
        if (command.equals("uname -s")) {
            return ok("Darwin\n");
        }
        if (command.equals("sw_vers -productVersion")) {
            return ok("14.5\n");
        }
        if (command.equals("uname -m")) {
            return ok("arm64\n");
        }
        if (command.equals(Homebrew.LOCATE)) {
            return brewInstalled ? ok(BREW + "\n") : new CommandResult(1, "", "", false);
        }
        if (command.equals(MacTailscale.LOCATE)) {
            return appInstalled ? ok(MacTailscale.APP_CLI + "\n")
                    : brewTailscale ? ok(BREW_TAILSCALE + "\n") : new CommandResult(1, "", "", false);
        }
        if (command.equals("sudo -n true")) {
            return sudoWithoutPassword ? ok("") : fail("sudo: a password is required\n");
        }
        if (command.equals("mktemp -d /tmp/mesh.XXXXXX")) {
            directories.add(TEMP_DIR);
            return ok(TEMP_DIR + "\n");
        }
        if (command.equals("rm -rf '" + TEMP_DIR + "'")) {
            directories.remove(TEMP_DIR);
            files.keySet().removeIf(p -> p.startsWith(TEMP_DIR + "/"));
            return ok("");
        }
        if (brewInstalled && command.startsWith(brew)) {
            return brew(command.substring(brew.length()));
        }
        if (command.equals("sudo -n " + brew + "services start tailscale")) {
            if (!sudoWithoutPassword) {
                return fail("sudo: a password is required\n");
            }
            tailscaledRunning = brewTailscale;
            return brewTailscale ? ok("==> Successfully started `tailscale` (label: homebrew.mxcl.tailscale)\n")
                    : fail("Error: No available formula with the name \"tailscale\".\n");
        }
        String sudoBrewCli = "sudo -n '" + BREW_TAILSCALE + "' ";
        if (brewTailscale && command.startsWith(sudoBrewCli)) {
            if (!sudoWithoutPassword) {
                return fail("sudo: a password is required\n");
            }
            return tailscaledRunning ? tailscale(command.substring(sudoBrewCli.length()))
                    : fail("failed to connect to local tailscaled; it doesn't appear to be running (sudo brew services start tailscale ?)\n");
        }
        String appCli = "'" + MacTailscale.APP_CLI + "' ";
        if (appInstalled && command.startsWith(appCli)) {
            return tailscale(command.substring(appCli.length()));
        }
        unknown.add(command);
        return new CommandResult(127, "", "zsh:1: command not found: " + command.split(" ", 2)[0] + "\n", false);
    }

    private CommandResult brew(String args) {
        switch (args) {
            case "install tailscale":
                brewTailscale = true;
                return ok("==> Pouring tailscale--1.80.2.arm64_sonoma.bottle.tar.gz\n");
            case "install syncthing":
                syncthingInstalled = true;
                return ok("==> Pouring syncthing--1.27.8.arm64_sonoma.bottle.tar.gz\n");
            case "list --versions syncthing":
                return syncthingInstalled ? ok("syncthing 1.27.8\n") : new CommandResult(1, "", "", false);
            case "services list":
                return ok("Name      Status  User  File\n"
                        + (syncthingInstalled ? "syncthing " + (syncthingStarted ? "started steve ~/Library/LaunchAgents/homebrew.mxcl.syncthing.plist"
                        : "none") + "\n" : ""));
            case "services start syncthing":
                syncthingStarted = syncthingInstalled;
                return syncthingInstalled ? ok("==> Successfully started `syncthing`\n") : fail("Error: No available formula\n");
            default:
                unknown.add("brew " + args);
                return fail("Error: Unknown command: " + args + "\n");
        }
    }

    private CommandResult tailscale(String args) {
        if (args.equals("status --json")) {
            return ok("{\"Version\": \"1.80.2\", \"BackendState\": \"" + backendState + "\", \"TailscaleIPs\": "
                    + (ip.isEmpty() ? "null" : "[\"" + ip + "\"]") + ", \"Self\": {\"HostName\": \"mac-mini\", \"Online\": " + !ip.isEmpty() + "}}\n");
        }
        if (args.equals("debug prefs")) {
            return ok("{\"ControlURL\": \"" + controlUrl + "\"}\n");
        }
        if (args.startsWith("up ")) {
            if (!args.matches(".*'--timeout=\\d+s'.*")) {
                return new CommandResult(-1, "", "", true);
            }
            Matcher key = Pattern.compile("'--auth-key=file:([^']+)'").matcher(args);
            Matcher server = Pattern.compile("'--login-server=([^']+)'").matcher(args);
            if (!key.find() || !server.find()) {
                return fail("mesh test double: expected --auth-key=file: and --login-server=\n");
            }
            byte[] content = files.get(key.group(1));
            if (content == null) {
                return fail("open " + key.group(1) + ": no such file or directory\n");
            }
            if (!validKeys.contains(new String(content, StandardCharsets.UTF_8).strip())) {
                return fail("backend error: invalid key: unable to validate API key\n");
            }
            backendState = "Running";
            ip = TAILSCALE_IP;
            controlUrl = server.group(1);
            return ok("");
        }
        unknown.add("tailscale " + args);
        return fail("unknown tailscale command\n");
    }

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    private static CommandResult fail(String stderr) {
        return new CommandResult(1, "", stderr, false);
    }
}
