// Stands in for a Windows 10/11 machine reached through Windows OpenSSH Server (default shell cmd.exe; PowerShell or Git Bash when configured), with winget and Tailscale's Windows client (which cannot run here), behaving as reference/facts.md documents.
package dev.mesh.os.windows;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;

import dev.mesh.api.CommandResult;
import dev.mesh.api.Quoting;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.SimulatedLock;
import dev.mesh.testkit.TailscaleNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Windows model the Windows plugin's tests and mesh-cli's tests share, on a {@link ScriptedHost}
 * (in-process) or a {@link SimulatedHost} (over SSH). Every {@code powershell ... -EncodedCommand} is
 * decoded and answered by what its script does, so tests read the PowerShell text mesh sends. The
 * file system is the host's, with drives as Win32-OpenSSH's SFTP server names them:
 * {@code C:\ProgramData\mesh\x} is {@code /C:/ProgramData/mesh/x}; {@code C:\ProgramData} exists;
 * SFTP creates no directories. Modelled facts: cmd.exe expands {@code %OS%} and has no {@code uname};
 * a Unix shell echoes {@code %OS%}; the Tailscale CLI is a {@link TailscaleNode} on Windows (up's
 * checker, set, debug prefs, {@code --accept-routes} true by default, {@code up} without
 * {@code --timeout} blocks forever); {@code --auth-key=file:PATH} reads PATH (Windows has no
 * {@code /dev/stdin}); without {@code --unattended} tailscaled is in client mode and forgets the
 * login when the SSH session (its last client) ends; a script reads its standard input with
 * {@code [Console]::In}; the Tailscale service can stop right after it starts, and says so in the
 * System event log; winget upgrades; the account may already run Syncthing (a process, another task).
 *
 * @param <H> the host type: {@link SimulatedHost} when reached over SSH
 */
public final class SimulatedWindowsHost<H extends ScriptedHost> implements AutoCloseable {
    /** Which shell Windows OpenSSH starts for a command. */
    public enum Shell { CMD, POWERSHELL, GIT_BASH }

    public static final String TAILSCALE_IP = "100.64.0.7";
    public static final String TAILSCALE_EXE = "C:\\Program Files\\Tailscale\\tailscale.exe";
    public static final String SYNCTHING_EXE = "C:\\Users\\admin\\AppData\\Local\\Microsoft\\WinGet\\Links\\syncthing.exe";
    private static final String ENCODED = "powershell -NoProfile -NonInteractive -EncodedCommand ";
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern WORD = Pattern.compile("'((?:[^']|'')*)'|(\\S+)");
    private static final Pattern REMOVE = Pattern.compile("Remove-Item -LiteralPath '((?:[^']|'')*)'");
    private static final Pattern CALL = Pattern.compile("^\\s*& '" + Pattern.quote(TAILSCALE_EXE) + "' (.*)$", Pattern.MULTILINE);

    public final H host;

    // ---- how the host is set up ----
    public volatile Shell shell = Shell.CMD;
    public volatile boolean administrator = true;
    public volatile boolean winget = true;
    public volatile boolean loginServerAnswers = true;
    public volatile List<String> conflictingVpn = List.of();
    /** How many {@code tailscale up} runs fail (like a tailscaled that does not come up in time) before one works. */
    public volatile int upFailures;
    /** The Tailscale service and CLI. */
    public final TailscaleNode node = new TailscaleNode("windows");
    /** Keys the login server accepts. */
    public final Set<String> validKeys = node.validKeys;
    /** The Tailscale service stops right after it starts. */
    public volatile boolean serviceCrashes;
    /** What {@code winget upgrade Tailscale.Tailscale} installs. */
    public volatile String upgradeVersion = "1.80.2";
    public volatile boolean syncthingTask;
    public volatile boolean syncthingRunning;
    public volatile boolean syncthingCrashes;
    /** A Syncthing the account runs already: "" none, "process" (a syncthing.exe), or a scheduled task's name. */
    public volatile String ownSyncthing = "";
    public volatile String sshConnection = "192.168.1.5 50022 192.168.1.20 22";

    // ---- what happened ----
    /** The decoded script of every PowerShell command, in order. */
    public final List<String> scripts = new CopyOnWriteArrayList<>();
    /** Scripts and commands this model does not know. */
    public final List<String> unknown = new CopyOnWriteArrayList<>();
    public final Set<String> protectedPaths = new CopyOnWriteArraySet<>();
    /** The content of the key file each {@code tailscale up} read. */
    public final List<String> keysReadByUp = new CopyOnWriteArrayList<>();
    /** The key files {@code up} read, and the cleanup tasks registered for them (each removed again). */
    public final List<String> keyFilesReadByUp = new CopyOnWriteArrayList<>();
    public final List<String> cleanupTasks = new CopyOnWriteArrayList<>();
    public final Set<String> scheduledTasks = new CopyOnWriteArraySet<>();
    public volatile int upRuns;
    public volatile int restarts;
    /** Called with the node's Tailscale IP when {@code tailscale up} joins it (Headscale then lists it). */
    public volatile Consumer<String> onJoin = address -> { };
    /** mesh's lock on this host (an exclusive handle on mesh.lock), taken over SSH only. */
    public final SimulatedLock lock = new SimulatedLock(SimulatedWindowsHost::lockWait);

    private SimulatedWindowsHost(H host) {
        this.host = host;
        node.hostName = "WIN11";
        node.anyKey = false;
        node.addresses = List.of(TAILSCALE_IP, "fd7a:115c:a1e0::7");
        host.mkdirs("/C:/ProgramData").mkdirs("/C:/Users/admin");
        host.onCall(c -> true, (call, h) -> answer(call));
        host.onStream(c -> c.startsWith(ENCODED) && decode(c).contains("[System.IO.File]::Open($path, 'OpenOrCreate', 'ReadWrite', 'None')"),
                lock);
    }

    private static String decode(String command) {
        return Quoting.decodePowerShell(command.substring(ENCODED.length()));
    }

    /** The seconds the lock script's {@code AddSeconds(N)} waits. */
    private static long lockWait(String command) {
        Matcher m = Pattern.compile("AddSeconds\\((\\d+)\\)").matcher(decode(command));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    /** A Windows 11 host without SSH. */
    public static SimulatedWindowsHost<ScriptedHost> inProcess() {
        return new SimulatedWindowsHost<>(new ScriptedHost());
    }

    /** A Windows 11 host reached over a real SSH server as {@code admin}. */
    public static SimulatedWindowsHost<SimulatedHost> overSsh(Path workDir) {
        return new SimulatedWindowsHost<>(SimulatedHost.start("admin", workDir));
    }

    /** An in-process connection to this host as {@code admin}. */
    public RemoteConnection connection() {
        return host.connection(new TargetHost("admin", "win11.lan", 22));
    }

    /** The remote (SFTP) path of a Windows path. */
    public static String remote(String windowsPath) {
        return "/" + windowsPath.replace('\\', '/');
    }

    public boolean exists(String windowsPath) {
        return host.exists(remote(windowsPath));
    }

    /** A file's content as UTF-8, or null. */
    public String file(String windowsPath) {
        return host.read(remote(windowsPath));
    }

    public boolean tailscaleInstalled() {
        return exists(TAILSCALE_EXE);
    }

    public boolean syncthingInstalled() {
        return exists(SYNCTHING_EXE);
    }

    /** Puts Tailscale on the host as its MSI would. */
    public SimulatedWindowsHost<H> withTailscale() {
        host.write(remote(TAILSCALE_EXE), new byte[] {'M', 'Z'});
        return this;
    }

    /** Puts Syncthing where winget's portable install links it. */
    public SimulatedWindowsHost<H> withSyncthing() {
        host.write(remote(SYNCTHING_EXE), new byte[] {'M', 'Z'});
        return this;
    }

    /** A file's bytes, or null. */
    public byte[] bytes(String windowsPath) {
        try {
            return exists(windowsPath) ? java.nio.file.Files.readAllBytes(host.file(remote(windowsPath))) : null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every command line, as received. */
    public List<String> commands() {
        return host.commands();
    }

    /** The timeout of every command, in order (in-process only). */
    public List<java.time.Duration> timeouts() {
        return host.calls().stream().map(ScriptedHost.Call::timeout).toList();
    }

    /** Names of the files in {@code dir} (a Windows path), sorted. */
    public List<String> filesIn(String dir) {
        return host.filesUnder(remote(dir)).stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).toList();
    }

    /** The commands exactly as received, each encoded PowerShell script replaced by its decoded text. */
    public List<String> decodedCommands() {
        List<String> out = new ArrayList<>();
        for (String c : host.commands()) {
            out.add(c.startsWith(ENCODED) ? Quoting.decodePowerShell(c.substring(ENCODED.length())) : c);
        }
        return out;
    }

    private synchronized CommandResult answer(ScriptedHost.Call call) {
        String command = call.command();
        if (command.equals("hostname")) {
            return ok("WIN11\r\n"); // hostname.exe, in cmd.exe and PowerShell alike
        }
        if (command.startsWith(ENCODED)) {
            String script = Quoting.decodePowerShell(command.substring(ENCODED.length()));
            scripts.add(script);
            return powerShell(script, call.input());
        }
        return switch (command) {
            case "echo connected" -> ok("connected\r\n");
            case "uname -s" -> switch (shell) {
                case GIT_BASH -> ok("MSYS_NT-10.0-22631\n");
                case CMD -> notRecognized(command);
                case POWERSHELL -> result(1, "", "uname : The term 'uname' is not recognized as the name of a cmdlet,"
                        + " function, script file, or operable program.\r\n");
            };
            case "echo %OS%" -> ok(shell == Shell.CMD ? "Windows_NT\r\n" : "%OS%\r\n");
            default -> {
                unknown.add(command);
                yield notRecognized(command);
            }
        };
    }

    private static CommandResult notRecognized(String command) {
        return result(9009, "", "'" + command.split(" ", 2)[0]
                + "' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
    }

    private CommandResult powerShell(String script, String stdin) {
        if (!script.startsWith(PowerShell.PREAMBLE)) {
            unknown.add(script);
            return result(1, "", "script without the preamble\r\n");
        }
        String body = script.substring(PowerShell.PREAMBLE.length()).strip();
        if (body.equals("$env:OS")) {
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
            return loginServerAnswers ? ok("HTTP 404\r\n") // Headscale answers / with 404: any answer counts
                    : result(1, "no answer: Unable to connect to the remote server\r\n", "");
        }
        if (body.contains("Get-Command winget")) {
            return ok(winget ? "present\r\n" : "missing\r\n");
        }
        if (body.contains("& winget install")) {
            return wingetInstall(body);
        }
        if (body.startsWith("$keyFile = ")) {
            return upWithKeyFile(body, stdin);
        }
        if (body.startsWith("[IO.File]::WriteAllText(")) {
            return writeKey(body, stdin);
        }
        Matcher remove = REMOVE.matcher(body);
        if (remove.find()) {
            host.delete(remote(unquote(remove.group(1))));
            return ok("deleted\r\n");
        }
        if (body.contains("Test-Path -LiteralPath '" + TAILSCALE_EXE + "' -PathType Leaf")) {
            return ok(tailscaleInstalled() ? "True\r\n" : "False\r\n");
        }
        if (body.contains("Start-Service -Name Tailscale")) {
            if (!tailscaleInstalled()) {
                return result(1, "", "Get-Service : Cannot find any service with service name 'Tailscale'.\r\n");
            }
            node.daemonRunning = !serviceCrashes;
            return ok("Running\r\n");
        }
        if (body.contains("(Get-Service -Name Tailscale -ErrorAction Stop).Status.ToString()")) {
            return ok(node.daemonRunning ? "Running\r\n" : "Stopped\r\n");
        }
        if (body.contains("ProviderName='Service Control Manager'")) {
            return ok("2026-11-30T10:00:01 The Tailscale service terminated with the following error: \r\n"
                    + "The system cannot find the file specified.\r\n");
        }
        if (body.contains("& winget upgrade --id 'Tailscale.Tailscale'")) {
            node.version = upgradeVersion;
            return ok("Found an existing package already installed.\r\nSuccessfully installed\r\n");
        }
        if (body.contains("$env:SSH_CONNECTION")) {
            return ok(sshConnection + "\r\n@@mesh:prefixes\r\n127.0.0.1/8\r\n192.168.1.20/24\r\nfe80::1%12/64\r\n");
        }
        if (body.contains("Get-ScheduledTaskInfo")) {
            return syncthingRunning ? ok("running\r\n") : result(1, "stopped; the task's last result: 1\r\n"
                    + "C:\\Users\\admin\\AppData\\Local\\Syncthing\\syncthing.log:\r\n"
                    + "[ABCDE] WARNING: Failed to acquire lock: is another Syncthing instance already running?\r\n", "");
        }
        if (body.startsWith("Start-ScheduledTask -TaskName 'Syncthing'")) {
            syncthingRunning = !syncthingCrashes;
            return ok("started\r\n");
        }
        if (body.contains("Restart-Service -Name Tailscale")) {
            restarts++;
            return ok("restarted\r\n");
        }
        if (body.contains("Register-ScheduledTask")) {
            syncthingTask = true;
            syncthingRunning = !syncthingCrashes;
            return ok("registered\r\n");
        }
        if (body.contains("WinGet\\Links")) {
            boolean process = syncthingRunning || ownSyncthing.equals("process");
            String other = ownSyncthing.equals("process") ? "" : ownSyncthing;
            return ok("exe=" + (syncthingInstalled() ? SYNCTHING_EXE : "") + "\r\ntask=" + (syncthingTask ? "True" : "False")
                    + "\r\nprocess=" + (process ? "4120" : "") + "\r\nothertask=" + other + "\r\n");
        }
        Matcher exe = CALL.matcher(body);
        if (exe.find() && body.endsWith("exit $LASTEXITCODE")) {
            return tailscale(words(exe.group(1)));
        }
        unknown.add(script);
        return result(1, "", "unexpected script\r\n");
    }

    /**
     * The key-file script of the Windows plugin: the cleanup task is registered, the key read from
     * standard input goes to the file, {@code up} runs, and the file and the task are removed.
     */
    private CommandResult upWithKeyFile(String body, String stdin) {
        List<String> values = literals(body);
        String keyFile = values.get(0);
        String task = values.get(1);
        if (!isDirectory(keyFile)) {
            return result(1, "", "Could not find a part of the path '" + keyFile + "'.\r\n");
        }
        scheduledTasks.add(task);
        cleanupTasks.add(task);
        host.write(remote(keyFile), stdin.strip().getBytes(StandardCharsets.UTF_8));
        try {
            Matcher exe = CALL.matcher(body);
            exe.find();
            return tailscale(words(exe.group(1)));
        } finally {
            host.delete(remote(keyFile));
            scheduledTasks.remove(task);
        }
    }

    /** Whether the directory {@code windowsPath} would be created in exists. */
    private boolean isDirectory(String windowsPath) {
        return java.nio.file.Files.isDirectory(host.file(remote(windowsPath.substring(0, windowsPath.lastIndexOf('\\')))));
    }

    /** The manual fallback's key: written from standard input. */
    private CommandResult writeKey(String body, String stdin) {
        String path = literals(body).get(0);
        if (!isDirectory(path)) {
            return result(1, "", "Could not find a part of the path '" + path + "'.\r\n");
        }
        host.write(remote(path), stdin.strip().getBytes(StandardCharsets.UTF_8));
        return ok("written\r\n");
    }

    private CommandResult wingetInstall(String body) {
        if (!winget) {
            return result(1, "", "winget : The term 'winget' is not recognized as the name of a cmdlet\r\n");
        }
        if (body.contains("--id 'Tailscale.Tailscale' --exact --source winget --silent")) {
            withTailscale();
        } else if (body.contains("--id 'Syncthing.Syncthing' --exact --source winget --silent")) {
            withSyncthing();
        } else {
            return result(-1978335212, "No package found matching input criteria.\r\n", "");
        }
        return ok("Found package\r\nSuccessfully installed\r\n");
    }

    /** Set-Acl on a directory New-Item creates, or on files that must already exist. */
    private CommandResult protect(String body) {
        List<String> paths = literals(body.substring(body.indexOf("\n}\n")).replace("'protected'", ""));
        if (body.contains("New-Item -ItemType Directory")) {
            host.mkdirs(remote(paths.get(0)));
            protectedPaths.add(paths.get(0));
            return ok("protected\r\n");
        }
        for (String path : paths) {
            if (!exists(path)) {
                return result(1, "", "Set-Acl : Cannot find path '" + path + "' because it does not exist.\r\n");
            }
            protectedPaths.add(path);
        }
        return ok("protected\r\n");
    }

    private CommandResult tailscale(List<String> args) {
        if (!tailscaleInstalled()) {
            return result(1, "", "& : The term '" + TAILSCALE_EXE + "' is not recognized\r\n");
        }
        if (!args.isEmpty() && args.get(0).equals("up")) {
            return up(args);
        }
        CommandResult r = node.run(args, "", this::file);
        if (r.exitCode() == 2) {
            unknown.add("tailscale " + String.join(" ", args));
        }
        return r;
    }

    /** {@code up}, read by the node; the key's file recorded; client mode without {@code --unattended}. */
    private CommandResult up(List<String> args) {
        upRuns++;
        String key = value(args, "--auth-key=file:");
        if (key != null && file(key) != null) {
            keysReadByUp.add(file(key).strip());
            keyFilesReadByUp.add(key);
        }
        if (upRuns <= upFailures && args.stream().anyMatch(a -> a.matches("--timeout=\\d+s"))) {
            return result(1, "", "backend error: context deadline exceeded\r\n");
        }
        CommandResult r = node.run(args, "", this::file);
        if (r.succeeded()) {
            onJoin.accept(TAILSCALE_IP);
        }
        if (!args.contains("--unattended") && node.running()) {
            node.backendState = "NeedsLogin"; // client mode: the session that ran up was tailscaled's last client
        }
        return r;
    }

    private static String value(List<String> args, String prefix) {
        return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst().orElse(null);
    }

    /** PowerShell words: literals unquoted, bare words as they are. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            words.add(m.group(1) != null ? unquote(m.group(1)) : m.group(2));
        }
        return words;
    }

    static List<String> literals(String text) {
        List<String> values = new ArrayList<>();
        Matcher m = LITERAL.matcher(text);
        while (m.find()) {
            values.add(unquote(m.group(1)));
        }
        return values;
    }

    private static String unquote(String literal) {
        return literal.replace("''", "'");
    }

    @Override
    public void close() {
        if (host instanceof SimulatedHost ssh) {
            ssh.close();
        }
    }
}
