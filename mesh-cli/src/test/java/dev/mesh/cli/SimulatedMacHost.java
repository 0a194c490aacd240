// Stands in for a Mac (macOS 14, Apple silicon, zsh) reached over SSH, with optional Homebrew, Homebrew's tailscale/tailscaled, the Tailscale app and Syncthing (none of which can run here), answering as reference/facts.md documents, over a real embedded SSH server.
package dev.mesh.cli;

import static dev.mesh.core.testing.SimulatedHost.ok;
import static dev.mesh.core.testing.SimulatedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.core.testing.SimulatedHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stateful Mac on {@link SimulatedHost}, its file system the SFTP root. Programs exist as files:
 * {@code /opt/homebrew/bin/brew}, {@code /opt/homebrew/bin/tailscale} (after {@code brew install
 * tailscale}) and the app's {@code /Applications/Tailscale.app/Contents/MacOS/Tailscale}. Modelled
 * facts: Homebrew is not on a non-interactive SSH PATH ({@code command -v} fails, the standard
 * prefix is found); Homebrew's tailscaled is a root daemon, so its CLI needs sudo and nothing
 * answers until {@code sudo brew services start tailscale}; the app's CLI talks to the app as the
 * logged-in user; {@code mktemp -d} makes a fresh directory; {@code tailscale up} without
 * {@code --timeout} blocks forever and reads {@code --auth-key=file:PATH} from that file.
 */
final class SimulatedMacHost implements AutoCloseable {
    static final String BREW = "/opt/homebrew/bin/brew";
    static final String BREW_TAILSCALE = "/opt/homebrew/bin/tailscale";
    static final String APP_CLI = "/Applications/Tailscale.app/Contents/MacOS/Tailscale";
    static final String TAILSCALE_IP = "100.64.0.9";
    private static final Pattern TEMP_DIR = Pattern.compile("/tmp/mesh\\.[A-Za-z0-9]{6}");

    final SimulatedHost host;

    // ---- how the host is set up ----
    volatile boolean sudoWithoutPassword = true;
    final Set<String> validKeys = new CopyOnWriteArraySet<>();
    volatile boolean tailscaledRunning;
    volatile boolean syncthingInstalled;
    volatile boolean syncthingStarted;
    volatile String backendState = "NeedsLogin";
    volatile String ip = "";
    volatile String controlUrl = "";

    // ---- what happened ----
    final List<String> unknown = new CopyOnWriteArrayList<>();
    final List<String> keysReadByUp = new CopyOnWriteArrayList<>();
    /** The permissions of the key file when {@code tailscale up} read it. */
    volatile String keyFileMode = "";
    private int temps;

    SimulatedMacHost(Path workDir) throws IOException {
        host = SimulatedHost.start("steve", workDir);
        Files.createDirectories(host.file("/tmp"));
        Files.createDirectories(host.file("/Applications"));
        host.on(c -> true, (c, h) -> answer(c));
    }

    SimulatedMacHost withHomebrew() throws IOException {
        createExecutable(BREW);
        return this;
    }

    SimulatedMacHost withTailscaleApp() throws IOException {
        createExecutable(APP_CLI);
        return this;
    }

    boolean exists(String path) {
        return Files.isRegularFile(host.file(path));
    }

    /** What is left in /tmp. */
    List<String> tmp() throws IOException {
        try (Stream<Path> files = Files.list(host.file("/tmp"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void createExecutable(String path) throws IOException {
        Files.createDirectories(host.file(path).getParent());
        Files.write(host.file(path), new byte[] {(byte) 0xcf, (byte) 0xfa, (byte) 0xed, (byte) 0xfe});
    }

    private synchronized CommandResult answer(String c) throws IOException {
        if (c.equals("echo connected")) {
            return ok("connected\n");
        }
        if (c.equals("uname -s")) {
            return ok("Darwin\n");
        }
        if (c.equals("hostname")) {
            return ok("studio-mac.local\n");
        }
        if (c.equals("sw_vers -productVersion")) {
            return ok("14.5\n");
        }
        if (c.equals("uname -m")) {
            return ok("arm64\n");
        }
        if (c.startsWith("if command -v brew; then exit 0; fi; for b in /opt/homebrew/bin/brew /usr/local/bin/brew;")) {
            return exists(BREW) ? ok(BREW + "\n") : result(1, "", "");
        }
        if (c.startsWith("for t in " + APP_CLI + " /opt/homebrew/bin/tailscale /usr/local/bin/tailscale;")) {
            return exists(APP_CLI) ? ok(APP_CLI + "\n") : exists(BREW_TAILSCALE) ? ok(BREW_TAILSCALE + "\n") : result(1, "", "");
        }
        if (c.equals("sudo -n true")) {
            return sudo(() -> ok(""));
        }
        if (c.equals("mktemp -d /tmp/mesh.XXXXXX")) {
            String dir = "/tmp/mesh." + String.format("Q7x%03d", ++temps);
            Files.createDirectory(host.file(dir), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return ok(dir + "\n");
        }
        Matcher rm = Pattern.compile("^rm -rf '(" + TEMP_DIR + ")'$").matcher(c);
        if (rm.matches()) {
            deleteTree(host.file(rm.group(1)));
            return ok("");
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
            return sudo(() -> tailscaledRunning ? tailscale(c.substring(sudoBrewCli.length()))
                    : result(1, "", "failed to connect to local tailscaled; it doesn't appear to be running"
                            + " (sudo brew services start tailscale ?)\n"));
        }
        String appCli = "'" + APP_CLI + "' ";
        if (exists(APP_CLI) && c.startsWith(appCli)) {
            return tailscale(c.substring(appCli.length()));
        }
        unknown.add(c);
        return result(127, "", "zsh:1: command not found: " + c.split(" ", 2)[0] + "\n");
    }

    private interface Answer {
        CommandResult get() throws IOException;
    }

    private CommandResult sudo(Answer then) throws IOException {
        return sudoWithoutPassword ? then.get() : result(1, "", "sudo: a password is required\n");
    }

    private CommandResult brew(String args) throws IOException {
        switch (args) {
            case "install tailscale":
                createExecutable(BREW_TAILSCALE);
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

    /** Called with the node's Tailscale IP when {@code tailscale up} joins it (Headscale then lists it). */
    java.util.function.Consumer<String> onJoin = ip -> { };

    private CommandResult tailscale(String args) throws IOException {
        if (args.equals("status --json")) {
            return ok("{\"Version\": \"1.80.2\", \"BackendState\": \"" + backendState + "\", \"TailscaleIPs\": "
                    + (ip.isEmpty() ? "null" : "[\"" + ip + "\"]") + ", \"Self\": {\"HostName\": \"mac-mini\", \"Online\": "
                    + !ip.isEmpty() + "}}\n");
        }
        if (args.equals("debug prefs")) {
            return ok("{\"ControlURL\": \"" + controlUrl + "\"}\n");
        }
        if (!args.startsWith("up ")) {
            unknown.add("tailscale " + args);
            return result(1, "", "unknown tailscale command\n");
        }
        if (!args.matches(".*'--timeout=\\d+s'.*")) {
            return result(-1, "", "hangs forever without --timeout");
        }
        Matcher key = Pattern.compile("'--auth-key=file:([^']+)'").matcher(args);
        Matcher server = Pattern.compile("'--login-server=([^']+)'").matcher(args);
        if (!key.find() || !server.find()) {
            return result(1, "", "mesh test double: expected --auth-key=file: and --login-server=\n");
        }
        Path file = host.file(key.group(1));
        if (!Files.isRegularFile(file)) {
            return result(1, "", "open " + key.group(1) + ": no such file or directory\n");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
        keyFileMode = PosixFilePermissions.toString(mode);
        String content = Files.readString(file, StandardCharsets.UTF_8).strip();
        keysReadByUp.add(content);
        if (!validKeys.contains(content)) {
            return result(1, "", "backend error: invalid key: unable to validate API key\n");
        }
        backendState = "Running";
        ip = TAILSCALE_IP;
        controlUrl = server.group(1);
        onJoin.accept(ip);
        return ok("");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void close() {
        host.close();
    }
}
