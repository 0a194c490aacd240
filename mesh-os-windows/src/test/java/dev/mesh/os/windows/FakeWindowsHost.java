// Stands in for a Windows 10/11 machine reached through Windows OpenSSH Server (default shell cmd.exe; PowerShell or Git Bash when configured), with winget and Tailscale's Windows client, behaving as reference/facts.md documents.
package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.Quoting;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted Windows host. Every {@code powershell ... -EncodedCommand} is decoded and answered by
 * what its script does, so tests read and assert the PowerShell text mesh sends. Modelled facts:
 * cmd.exe expands {@code %OS%} and has no {@code uname}; a Unix shell echoes {@code %OS%} literally;
 * {@code tailscale up} without {@code --timeout} blocks forever; without {@code --unattended}
 * tailscaled runs in client mode and resets when the SSH session (its last client) ends;
 * {@code --auth-key=file:PATH} reads the key from that file; the SFTP server names files
 * {@code /C:/...} and does not create directories.
 */
final class FakeWindowsHost implements RemoteConnection {
    enum Shell { CMD, POWERSHELL, GIT_BASH }

    static final String TAILSCALE_IP = "100.64.0.7";
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    // ---- how the host is set up ----
    Shell shell = Shell.CMD;
    boolean administrator = true;
    boolean winget = true;
    boolean tailscaleInstalled;
    boolean syncthingInstalled;
    boolean syncthingTask;
    List<String> conflictingVpn = List.of();
    boolean loginServerAnswers = true;
    /** How many {@code tailscale up} runs fail before one succeeds. */
    int upFailures;
    final Set<String> validKeys = new HashSet<>();
    String backendState = "NoState";
    String ip = "";
    String controlUrl = "";

    // ---- what happened ----
    final List<String> commands = new ArrayList<>();
    /** The decoded script of every PowerShell command, in order. */
    final List<String> scripts = new ArrayList<>();
    final List<String> unknownScripts = new ArrayList<>();
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Set<String> directories = new HashSet<>();
    final Set<String> protectedPaths = new HashSet<>();
    final List<String> uploadedSftpPaths = new ArrayList<>();
    final List<Duration> timeouts = new ArrayList<>();
    int upRuns;
    int restarts;

    @Override
    public TargetHost host() {
        return new TargetHost("admin", "win11.lan", 22);
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        commands.add(command);
        timeouts.add(timeout);
        String prefix = "powershell -NoProfile -NonInteractive -EncodedCommand ";
        if (command.startsWith(prefix)) {
            String script = Quoting.decodePowerShell(command.substring(prefix.length()));
            scripts.add(script);
            return powerShell(script);
        }
        return switch (command) {
            case "uname -s" -> switch (shell) {
                case GIT_BASH -> ok("MSYS_NT-10.0-22631\n");
                case CMD -> fail("'uname' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
                case POWERSHELL -> fail("uname : The term 'uname' is not recognized as the name of a cmdlet, function,"
                        + " script file, or operable program.\r\n");
            };
            case "echo %OS%" -> ok(shell == Shell.CMD ? "Windows_NT\r\n" : "%OS%\r\n");
            default -> fail("'" + command.split(" ", 2)[0] + "' is not recognized as an internal or external command\r\n");
        };
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        uploadedSftpPaths.add(path);
        if (!path.matches("/[A-Za-z]:/.*")) {
            throw new TransportException("SFTP: no such file: " + path + " (Windows OpenSSH names files /C:/...)");
        }
        String windowsPath = path.substring(1).replace('/', '\\');
        String parent = windowsPath.substring(0, windowsPath.lastIndexOf('\\'));
        if (!directories.contains(parent)) {
            throw new TransportException("SFTP: no such directory: " + parent);
        }
        files.put(windowsPath, content.clone());
        protectedPaths.remove(windowsPath);
    }

    String file(String windowsPath) {
        byte[] content = files.get(windowsPath);
        return content == null ? null : new String(content, StandardCharsets.UTF_8);
    }

    /** The SSH session that ran a command ends: in client mode tailscaled forgets its login. */
    private void sessionEnded(boolean unattended) {
        if (!unattended && "Running".equals(backendState)) {
            backendState = "NeedsLogin";
            ip = "";
        }
    }

    private CommandResult powerShell(String script) {
        if (!script.startsWith(PowerShell.PREAMBLE)) {
            unknownScripts.add(script);
            return fail("script without the preamble");
        }
        String body = script.substring(PowerShell.PREAMBLE.length());
        if (body.equals("$env:OS")) {
            return ok("Windows_NT\r\n");
        }
        if (body.contains("Win32_OperatingSystem")) {
            return ok("caption=Microsoft Windows 11 Pro\r\nversion=10.0.22631\r\nbuild=22631\r\narch=AMD64\r\n");
        }
        if (body.contains("Protect-MeshPath")) {
            return protect(body);
        }
        if (body.contains("IsInRole(")) {
            return ok(administrator ? "True\r\n" : "False\r\n");
        }
        if (body.contains("Get-NetAdapter")) {
            return ok(String.join("\r\n", conflictingVpn) + (conflictingVpn.isEmpty() ? "" : "\r\n"));
        }
        if (body.contains("Invoke-WebRequest")) {
            return loginServerAnswers ? ok("HTTP 404\r\n")
                    : new CommandResult(1, "no answer: Unable to connect to the remote server\r\n", "", false);
        }
        if (body.contains("Get-Command winget")) {
            return ok(winget ? "present\r\n" : "missing\r\n");
        }
        if (body.contains("& winget install")) {
            return wingetInstall(body);
        }
        if (body.contains("Remove-Item -LiteralPath")) {
            String path = literals(body).get(0);
            files.remove(path);
            return ok("deleted\r\n");
        }
        if (body.startsWith("Test-Path -LiteralPath 'C:\\Program Files\\Tailscale\\tailscale.exe'")) {
            return ok(tailscaleInstalled ? "True\r\n" : "False\r\n");
        }
        if (body.contains("Start-Service -Name Tailscale")) {
            return tailscaleInstalled ? ok("Running\r\n") : fail("Cannot find any service with service name 'Tailscale'.");
        }
        if (body.startsWith("Restart-Service -Name Tailscale")) {
            restarts++;
            return ok("restarted\r\n");
        }
        if (body.contains("Register-ScheduledTask")) {
            syncthingTask = true;
            return ok("registered\r\n");
        }
        if (body.contains("WinGet\\Links")) {
            String exe = syncthingInstalled
                    ? "C:\\Users\\admin\\AppData\\Local\\Microsoft\\WinGet\\Links\\syncthing.exe" : "";
            return ok("exe=" + exe + "\r\ntask=" + (syncthingTask ? "True" : "False") + "\r\n");
        }
        if (body.startsWith("& 'C:\\Program Files\\Tailscale\\tailscale.exe' ")) {
            return tailscale(body);
        }
        unknownScripts.add(script);
        return fail("unexpected script");
    }

    private CommandResult wingetInstall(String body) {
        if (!winget) {
            return fail("winget : The term 'winget' is not recognized");
        }
        if (body.contains("'Tailscale.Tailscale'")) {
            tailscaleInstalled = true;
        } else if (body.contains("'Syncthing.Syncthing'")) {
            syncthingInstalled = true;
        } else {
            return new CommandResult(-1978335212, "No package found matching input criteria.\r\n", "", false);
        }
        return ok("Found package\r\nSuccessfully installed\r\n");
    }

    private CommandResult protect(String body) {
        List<String> paths = literals(body.substring(body.indexOf("\n}\n")).replace("'protected'", ""));
        if (body.contains("New-Item -ItemType Directory")) {
            directories.add(paths.get(0));
            protectedPaths.add(paths.get(0));
            return ok("protected\r\n");
        }
        for (String path : paths) {
            if (!files.containsKey(path)) {
                return fail("Set-Acl : Cannot find path '" + path + "' because it does not exist.");
            }
            protectedPaths.add(path);
        }
        return ok("protected\r\n");
    }

    private CommandResult tailscale(String body) {
        if (!tailscaleInstalled) {
            return fail("& : The term 'C:\\Program Files\\Tailscale\\tailscale.exe' is not recognized");
        }
        String args = body.substring(body.indexOf("' ") + 2, body.indexOf("\nexit $LASTEXITCODE"));
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
        return fail("unknown tailscale command: " + args);
    }

    private CommandResult up(String args) {
        upRuns++;
        boolean unattended = args.contains(" --unattended ");
        try {
            Matcher timeout = Pattern.compile("'--timeout=(\\d+)s'").matcher(args);
            if (!timeout.find()) {
                return new CommandResult(-1, "", "", true); // --timeout 0 waits forever
            }
            Matcher key = Pattern.compile("'--auth-key=file:([^']+)'").matcher(args);
            Matcher server = Pattern.compile("'--login-server=([^']+)'").matcher(args);
            if (!key.find() || !server.find()) {
                return fail("mesh test double: expected --auth-key=file: and --login-server=");
            }
            String content = file(key.group(1));
            if (content == null) {
                return fail("invalid value \"file:" + key.group(1) + "\" for flag -auth-key: open: The system cannot find the file specified.");
            }
            if (upRuns <= upFailures) {
                return fail("backend error: context deadline exceeded\r\n");
            }
            if (!validKeys.contains(content.strip())) {
                return fail("backend error: invalid key: unable to validate API key\r\n");
            }
            backendState = "Running";
            ip = TAILSCALE_IP;
            controlUrl = server.group(1);
            return ok("");
        } finally {
            sessionEnded(unattended);
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

    private static CommandResult ok(String stdout) {
        return new CommandResult(0, stdout, "", false);
    }

    private static CommandResult fail(String stderr) {
        return new CommandResult(1, "", stderr, false);
    }
}
