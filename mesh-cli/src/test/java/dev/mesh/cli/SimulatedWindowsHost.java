// Stands in for a Windows 11 machine running Windows OpenSSH Server (default shell cmd.exe) with winget and Tailscale's Windows client (which cannot run here), answering as reference/facts.md documents, over a real embedded SSH server.
package dev.mesh.cli;

import static dev.mesh.core.testing.SimulatedHost.ok;
import static dev.mesh.core.testing.SimulatedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.Quoting;
import dev.mesh.core.testing.SimulatedHost;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stateful Windows host on {@link SimulatedHost}. Commands get cmd.exe semantics ({@code %OS%}
 * expands, {@code uname} is unknown: errorlevel 9009); {@code powershell ... -EncodedCommand} is
 * decoded and answered by what its script does. The file system is the SFTP root, with drives as
 * Win32-OpenSSH names them: {@code C:\ProgramData\mesh\x} is {@code /C:/ProgramData/mesh/x}, i.e.
 * {@code fsRoot()/C:/ProgramData/mesh/x}. {@code C:\ProgramData} exists, as on every Windows; the
 * SFTP server creates no directories; {@code New-Item -ItemType Directory} and {@code Remove-Item}
 * act on the files; winget's installs create {@code tailscale.exe} and {@code syncthing.exe}.
 * Modelled Tailscale facts: {@code up} without {@code --timeout} blocks forever;
 * {@code --auth-key=file:PATH} reads the key from that file; without {@code --unattended}
 * tailscaled is in client mode and forgets the login when the SSH session (its last client) ends.
 */
final class SimulatedWindowsHost implements AutoCloseable {
    static final String TAILSCALE_IP = "100.64.0.7";
    static final String TAILSCALE_EXE = "C:\\Program Files\\Tailscale\\tailscale.exe";
    static final String SYNCTHING_EXE = "C:\\Users\\admin\\AppData\\Local\\Microsoft\\WinGet\\Links\\syncthing.exe";
    private static final String ENCODED = "powershell -NoProfile -NonInteractive -EncodedCommand ";
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern REMOVE = Pattern.compile("Remove-Item -LiteralPath '((?:[^']|'')*)'");

    final SimulatedHost host;

    // ---- how the host is set up ----
    volatile boolean administrator = true;
    volatile boolean winget = true;
    volatile List<String> conflictingVpn = List.of();
    /** How many {@code tailscale up} runs fail (like a tailscaled that does not come up in time) before one works. */
    volatile int upFailures;
    /** Keys the login server accepts. */
    final Set<String> validKeys = new CopyOnWriteArraySet<>();
    volatile boolean syncthingTask;
    volatile String backendState = "NoState";
    volatile String ip = "";
    volatile String controlUrl = "";

    // ---- what happened ----
    /** The decoded script of every PowerShell command, in order. */
    final List<String> scripts = new CopyOnWriteArrayList<>();
    final List<String> unknown = new CopyOnWriteArrayList<>();
    final Set<String> protectedPaths = new CopyOnWriteArraySet<>();
    /** The content of the key file each {@code tailscale up} read. */
    final List<String> keysReadByUp = new CopyOnWriteArrayList<>();
    volatile int upRuns;
    volatile int restarts;

    SimulatedWindowsHost(Path workDir) throws IOException {
        host = SimulatedHost.start("admin", workDir);
        Files.createDirectories(local("C:\\ProgramData"));
        Files.createDirectories(local("C:\\Users\\admin"));
        host.on(c -> true, (c, h) -> answer(c));
    }

    /** Where the Windows path {@code path} lives in the SFTP root. */
    Path local(String windowsPath) {
        return host.file("/" + windowsPath.replace('\\', '/'));
    }

    boolean tailscaleInstalled() {
        return Files.isRegularFile(local(TAILSCALE_EXE));
    }

    boolean syncthingInstalled() {
        return Files.isRegularFile(local(SYNCTHING_EXE));
    }

    /** Puts Tailscale on the host as its MSI would. */
    SimulatedWindowsHost withTailscale() throws IOException {
        createExecutable(TAILSCALE_EXE);
        return this;
    }

    /** Names of the files in {@code dir} (a Windows path), sorted. */
    List<String> filesIn(String dir) throws IOException {
        Path d = local(dir);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The commands exactly as received, each encoded PowerShell script replaced by its decoded text. */
    List<String> decodedCommands() {
        List<String> out = new ArrayList<>();
        for (String c : host.commands()) {
            out.add(c.startsWith(ENCODED) ? Quoting.decodePowerShell(c.substring(ENCODED.length())) : c);
        }
        return out;
    }

    private synchronized CommandResult answer(String command) throws IOException {
        if (command.equals("hostname")) {
            return ok("WIN11\r\n"); // hostname.exe, in cmd.exe and PowerShell alike
        }
        if (command.startsWith(ENCODED)) {
            String script = Quoting.decodePowerShell(command.substring(ENCODED.length()));
            scripts.add(script);
            return powerShell(script);
        }
        return switch (command) {
            case "echo connected" -> ok("connected\r\n");
            case "echo %OS%" -> ok("Windows_NT\r\n");
            default -> notRecognized(command);
        };
    }

    private static CommandResult notRecognized(String command) {
        return result(9009, "", "'" + command.split(" ", 2)[0]
                + "' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
    }

    private CommandResult powerShell(String script) throws IOException {
        String body = script.strip();
        if (body.endsWith("$env:OS")) {
            return ok("Windows_NT\r\n");
        }
        if (body.contains("Win32_OperatingSystem")) {
            return ok("caption=Microsoft Windows 11 Pro\r\nversion=10.0.22631\r\nbuild=22631\r\narch=AMD64\r\n");
        }
        if (body.contains("function Protect-MeshPath")) {
            return protect(body);
        }
        if (body.contains("IsInRole(")) {
            return ok(administrator ? "True\r\n" : "False\r\n");
        }
        if (body.contains("Get-NetAdapter")) {
            return ok(conflictingVpn.isEmpty() ? "" : String.join("\r\n", conflictingVpn) + "\r\n");
        }
        if (body.contains("Invoke-WebRequest")) {
            return ok("HTTP 404\r\n"); // Headscale answers / with 404: any answer counts
        }
        if (body.contains("Get-Command winget")) {
            return ok(winget ? "present\r\n" : "missing\r\n");
        }
        if (body.contains("& winget install")) {
            return wingetInstall(body);
        }
        Matcher remove = REMOVE.matcher(body);
        if (remove.find()) {
            Files.deleteIfExists(local(remove.group(1).replace("''", "'")));
            return ok("deleted\r\n");
        }
        if (body.contains("Test-Path -LiteralPath '" + TAILSCALE_EXE + "' -PathType Leaf")) {
            return ok(tailscaleInstalled() ? "True\r\n" : "False\r\n");
        }
        if (body.contains("Start-Service -Name Tailscale")) {
            return tailscaleInstalled() ? ok("Running\r\n")
                    : result(1, "", "Get-Service : Cannot find any service with service name 'Tailscale'.\r\n");
        }
        if (body.contains("Restart-Service -Name Tailscale")) {
            restarts++;
            return ok("restarted\r\n");
        }
        if (body.contains("Register-ScheduledTask")) {
            syncthingTask = true;
            return ok("registered\r\n");
        }
        if (body.contains("WinGet\\Links")) {
            return ok("exe=" + (syncthingInstalled() ? SYNCTHING_EXE : "") + "\r\ntask=" + (syncthingTask ? "True" : "False") + "\r\n");
        }
        Matcher exe = Pattern.compile("^& '" + Pattern.quote(TAILSCALE_EXE) + "' (.*)\nexit \\$LASTEXITCODE$", Pattern.MULTILINE)
                .matcher(body);
        if (exe.find()) {
            return tailscale(exe.group(1));
        }
        unknown.add(script);
        return result(1, "", "unexpected script\r\n");
    }

    private CommandResult wingetInstall(String body) throws IOException {
        if (!winget) {
            return result(1, "", "winget : The term 'winget' is not recognized as the name of a cmdlet\r\n");
        }
        if (body.contains("--id 'Tailscale.Tailscale' --exact --source winget --silent")) {
            createExecutable(TAILSCALE_EXE);
        } else if (body.contains("--id 'Syncthing.Syncthing' --exact --source winget --silent")) {
            createExecutable(SYNCTHING_EXE);
        } else {
            return result(-1978335212, "No package found matching input criteria.\r\n", "");
        }
        return ok("Found package\r\nSuccessfully installed\r\n");
    }

    private void createExecutable(String windowsPath) throws IOException {
        Files.createDirectories(local(windowsPath).getParent());
        Files.write(local(windowsPath), new byte[] {'M', 'Z'});
    }

    /** Set-Acl on a directory New-Item creates, or on files that must already exist. */
    private CommandResult protect(String body) throws IOException {
        List<String> paths = literals(body.substring(body.indexOf("\n}\n")).replace("'protected'", ""));
        if (body.contains("New-Item -ItemType Directory")) {
            Files.createDirectories(local(paths.get(0)));
            protectedPaths.add(paths.get(0));
            return ok("protected\r\n");
        }
        for (String path : paths) {
            if (!Files.exists(local(path))) {
                return result(1, "", "Set-Acl : Cannot find path '" + path + "' because it does not exist.\r\n");
            }
            protectedPaths.add(path);
        }
        return ok("protected\r\n");
    }

    private CommandResult tailscale(String args) throws IOException {
        if (!tailscaleInstalled()) {
            return result(1, "", "& : The term '" + TAILSCALE_EXE + "' is not recognized\r\n");
        }
        if (args.equals("status --json")) {
            return ok("{\r\n  \"Version\": \"1.80.2-t1234\",\r\n  \"BackendState\": \"" + backendState + "\",\r\n"
                    + "  \"TailscaleIPs\": " + (ip.isEmpty() ? "null" : "[\"" + ip + "\", \"fd7a:115c:a1e0::7\"]") + ",\r\n"
                    + "  \"Self\": {\"HostName\": \"WIN11\", \"Online\": " + !ip.isEmpty() + "}\r\n}\r\n");
        }
        if (args.equals("debug prefs")) {
            return ok("{\r\n  \"ControlURL\": \"" + controlUrl + "\",\r\n  \"WantRunning\": true\r\n}\r\n");
        }
        if (args.startsWith("up ")) {
            return up(args);
        }
        unknown.add("tailscale " + args);
        return result(1, "", "unknown tailscale command: " + args + "\r\n");
    }

    /** Called with the node's Tailscale IP when {@code tailscale up} joins it (Headscale then lists it). */
    java.util.function.Consumer<String> onJoin = ip -> { };

    private CommandResult up(String args) throws IOException {
        upRuns++;
        boolean unattended = args.startsWith("up --unattended ");
        try {
            if (!Pattern.compile("'--timeout=\\d+s'").matcher(args).find()) {
                return result(-1, "", "hangs forever without --timeout");
            }
            Matcher key = Pattern.compile("'--auth-key=file:([^']+)'").matcher(args);
            Matcher server = Pattern.compile("'--login-server=([^']+)'").matcher(args);
            if (!key.find() || !server.find()) {
                return result(1, "", "mesh test double: expected --auth-key=file: and --login-server=\r\n");
            }
            Path file = local(key.group(1));
            if (!Files.isRegularFile(file)) {
                return result(1, "", "invalid value \"file:" + key.group(1)
                        + "\" for flag -auth-key: open: The system cannot find the file specified.\r\n");
            }
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            keysReadByUp.add(content);
            if (upRuns <= upFailures) {
                return result(1, "", "backend error: context deadline exceeded\r\n");
            }
            if (!validKeys.contains(content)) {
                return result(1, "", "backend error: invalid key: unable to validate API key\r\n");
            }
            backendState = "Running";
            ip = TAILSCALE_IP;
            controlUrl = server.group(1);
            onJoin.accept(ip);
            return ok("");
        } finally {
            if (!unattended && "Running".equals(backendState)) {
                backendState = "NeedsLogin"; // client mode: the session that ran up was tailscaled's last client
                ip = "";
            }
        }
    }

    static List<String> literals(String text) {
        List<String> values = new ArrayList<>();
        Matcher m = LITERAL.matcher(text);
        while (m.find()) {
            values.add(m.group(1).replace("''", "'"));
        }
        return values;
    }

    @Override
    public void close() {
        host.close();
    }
}
