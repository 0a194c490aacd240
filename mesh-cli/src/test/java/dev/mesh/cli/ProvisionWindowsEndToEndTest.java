package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.os.windows.SimulatedWindowsHost;
import dev.mesh.testkit.SimulatedHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mesh remote provision} of a Windows host through the real CLI, SSH client (exec channels
 * and SFTP), state machine, Headscale CLI double and Windows plugin.
 */
class ProvisionWindowsEndToEndTest {
    /** What the Headscale double hands out for a key without --reusable (the manual fallback's). */
    static final String MANUAL_KEY = "hskey-auth-ManualKey123-fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    static final String DIR = "C:\\ProgramData\\mesh";

    @TempDir
    Path dir;
    SimulatedWindowsHost<SimulatedHost> windows;
    CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        windows = SimulatedWindowsHost.overSsh(dir.resolve("host"));
        windows.validKeys.add(CliHarness.KEY);
        windows.validKeys.add(MANUAL_KEY);
        cli = new CliHarness(dir);
        windows.onJoin = cli.joinHook("win11");
        distinctSingleUseKey(cli);
    }

    @AfterEach
    void stop() {
        windows.close();
    }

    /** Makes the Headscale double hand out a different key when it is minted single-use. */
    static void distinctSingleUseKey(CliHarness cli) throws Exception {
        cli.headscale("0.26.0", "normal", MANUAL_KEY);
    }

    private int provision(String... extra) {
        List<String> args = new ArrayList<>(List.of("remote", "provision", "admin@127.0.0.1",
                "-p", String.valueOf(windows.host.port()), "-s", "http://127.0.0.1:8080",
                "-i", windows.host.clientKey().toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "tailscale up fails {0} time(s) first")
    @ValueSource(ints = {0, 1, 2})
    void freshHostJoinsWhenUpSucceedsOnTheFirstSecondOrThirdAttempt(int failures) throws Exception {
        windows.upFailures = failures;

        int code = provision();

        assertEquals(ExitCodes.OK, code, cli.output());
        assertTrue(cli.out.contains(" is on the mesh: " + SimulatedWindowsHost.TAILSCALE_IP), cli.out);
        assertTrue(cli.out.contains("Connected to the mesh on attempt " + (failures + 1)), cli.out);
        assertEquals(1, windows.host.connectionCount(), "SSH connections per provision");
        assertEquals(failures + 1, windows.upRuns);
        assertEquals(failures, windows.restarts, "the Tailscale service is restarted between attempts");
        assertTrue(windows.tailscaleInstalled() && windows.syncthingInstalled() && windows.syncthingTask);
        // every attempt read the run's key, sent on the SSH channel, from a file that is gone afterwards
        assertEquals(Collections.nCopies(failures + 1, CliHarness.KEY), windows.keysReadByUp);
        assertEquals(List.of(), windows.filesIn(DIR), "files left in " + DIR);
        assertTrue(windows.protectedPaths.contains(DIR), windows.protectedPaths.toString());
        assertEquals(failures + 1, windows.cleanupTasks.size(), "each key file had its cleanup task");
        assertTrue(windows.scheduledTasks.isEmpty(), "and each task was removed again");
        assertTrue(windows.host.uploads().isEmpty(), "no key file uploaded");
        assertEquals(List.of("preauthkeys create --user 1 --expiration 24h --reusable -o json"), keyRequests());
        assertNoKeyLeaked();
        assertSafeForCmd();
    }

    @Test
    void afterThreeFailuresTheOperatorGetsAScriptAndASingleUseKeyFile() throws Exception {
        windows.upFailures = 3;

        int code = provision();

        assertEquals(ExitCodes.MANUAL_STEP, code, cli.output());
        assertEquals(1, windows.host.connectionCount(), "SSH connections per provision");
        assertEquals(3, windows.upRuns);
        assertEquals(2, windows.restarts);
        String out = cli.output();
        assertTrue(out.contains("Manual step needed on admin@127.0.0.1"), out);
        assertTrue(out.contains("powershell -ExecutionPolicy Bypass -File C:\\ProgramData\\mesh\\join-mesh.ps1"), out);
        assertTrue(out.contains("context deadline exceeded"), "the last error is shown: " + out);
        assertFalse(out.contains("Tailscale address") || out.contains("Syncthing installed"), "nothing runs after the manual step: " + out);
        // only the fallback's files are left: the run's key file is deleted
        assertEquals(List.of("join-mesh.key", "join-mesh.ps1"), windows.filesIn(DIR));
        assertEquals(MANUAL_KEY, windows.file(DIR + "\\join-mesh.key"), "the single-use key");
        // both files were restricted to Administrators and SYSTEM, after they were written
        assertTrue(windows.protectedPaths.containsAll(List.of(DIR, DIR + "\\join-mesh.key", DIR + "\\join-mesh.ps1")),
                windows.protectedPaths.toString());
        String acl = windows.scripts.get(windows.scripts.size() - 1);
        assertTrue(acl.contains("foreach ($file in @('C:\\ProgramData\\mesh\\join-mesh.key', 'C:\\ProgramData\\mesh\\join-mesh.ps1'))"
                + " { Protect-MeshPath $file $false }"), acl);
        for (String rule : List.of("SetAccessRuleProtection($true, $false)", "SecurityIdentifier('S-1-5-32-544')",
                "SecurityIdentifier('S-1-5-18')", "Set-Acl -LiteralPath $path -AclObject $acl", "AreAccessRulesProtected")) {
            assertTrue(acl.contains(rule), "ACL script lacks " + rule);
        }
        // the script does what mesh did, reading the key file and logging to a file
        byte[] bytes = windows.bytes(DIR + "\\join-mesh.ps1");
        assertEquals((byte) 0xEF, bytes[0], "UTF-8 with a byte-order mark, for Windows PowerShell 5.1");
        String script = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(script.contains("& 'C:\\Program Files\\Tailscale\\tailscale.exe' up --unattended"
                + " '--login-server=http://127.0.0.1:8080' '--auth-key=file:C:\\ProgramData\\mesh\\join-mesh.key'"
                + " '--timeout=5s'"), script);
        assertTrue(script.contains("$log = 'C:\\ProgramData\\mesh\\join-mesh.log'") && script.contains("Add-Content -LiteralPath $log"), script);
        assertTrue(script.contains("2>&1 | ForEach-Object { Write-Log ([string]$_) }"), "tailscale's output goes to the log");
        assertTrue(script.contains("Remove-Item -LiteralPath $keyFile"), "the script deletes its key file");
        assertFalse(script.contains(CliHarness.KEY) || script.contains(MANUAL_KEY), "a key in the script");
        // the second key: single-use (no --reusable) and short-lived
        assertEquals(List.of("preauthkeys create --user 1 --expiration 24h --reusable -o json",
                "preauthkeys create --user 1 --expiration 1h -o json"), keyRequests());
        assertNoKeyLeaked();
        assertSafeForCmd();
    }

    @Test
    void aConflictingVpnClientIsAWarning() throws Exception {
        windows.conflictingVpn = List.of("adapter NordLynx", "service NordVPN Service");
        assertEquals(ExitCodes.OK, provision(), cli.output());
        assertTrue(cli.out.contains("⚠ Conflicting VPN client(s) on 127.0.0.1: adapter NordLynx, service NordVPN Service."), cli.out);
        assertEquals(1, windows.host.connectionCount());
    }

    @Test
    void withoutWingetPreflightSaysWhatToInstallBeforeAKeyIsMinted() throws Exception {
        windows.winget = false;
        assertEquals(ExitCodes.FAILURE, provision(), cli.output());
        assertTrue(cli.err.contains(": " + FailureReason.TAILSCALE_INSTALL_FAILED.message() + " (at PREFLIGHT)"), cli.err);
        assertTrue(cli.err.contains("winget is not available to admin on 127.0.0.1"), cli.err);
        assertTrue(cli.err.contains("Hint: Install App Installer (which provides winget) from the Microsoft Store"), cli.err);
        assertFalse(windows.tailscaleInstalled());
        assertEquals(List.of(), keyRequests(), "no key minted");
        assertEquals(1, windows.host.connectionCount());
        assertNoKeyLeaked();
    }

    @Test
    void notAnAdministratorStopsInPreflightWithAHint() throws Exception {
        windows.administrator = false;
        assertEquals(ExitCodes.FAILURE, provision(), cli.output());
        assertTrue(cli.err.contains(": " + FailureReason.PREFLIGHT_FAILED.message() + " (at PREFLIGHT)"), cli.err);
        assertTrue(cli.err.contains("the SSH account admin is not an elevated administrator on 127.0.0.1"), cli.err);
        assertTrue(cli.err.contains("administrators_authorized_keys"), cli.err);
        assertEquals(List.of(), keyRequests(), "no key minted");
        assertEquals(1, windows.host.connectionCount());
        assertFalse(windows.scripts.stream().anyMatch(s -> s.contains("winget") || s.contains("Protect-MeshPath")),
                "nothing changed on the host");
    }

    @Test
    void whileAnotherRunHoldsTheHostsLockARunStopsBeforeMintingAnything() throws Exception {
        assertEquals(ExitCodes.OK, provision(), cli.output());
        String lock = windows.decodedCommands().stream().filter(c -> c.contains("mesh-lock: held")).findFirst().orElseThrow();
        assertTrue(lock.contains("[System.IO.File]::Open($path, 'OpenOrCreate', 'ReadWrite', 'None')")
                && lock.contains("$path = 'C:\\ProgramData\\mesh\\mesh.lock'"), lock);
        OtherRun.assertARunStopsWhileHeld(windows.host, windows.lock, dir, cli, this::provision, "admin@127.0.0.1");
    }

    @Test
    void theSequenceRunsInOrderAndASecondRunChangesNothing() throws Exception {
        assertEquals(ExitCodes.OK, provision(), cli.output());
        List<String> c = windows.decodedCommands();
        assertEquals("echo connected", c.get(0));
        // the directory is restricted before the key is written into it, in the script that runs up and deletes it
        assertOrder(c, "uname -s", "echo %OS%", "Win32_OperatingSystem", "IsInRole(", "Get-NetAdapter",
                "Invoke-WebRequest -UseBasicParsing -Uri 'http://127.0.0.1:8080'", "Test-Path -LiteralPath '" + SimulatedWindowsHost.TAILSCALE_EXE,
                "Get-Command winget", "& winget install --id 'Tailscale.Tailscale'", "Start-Service -Name Tailscale",
                "New-Item -ItemType Directory -Force -Path 'C:\\ProgramData\\mesh'",
                "$key = [Console]::In.ReadToEnd().Trim()",
                "' status --json", "WinGet\\Links", "& winget install --id 'Syncthing.Syncthing'", "Register-ScheduledTask");
        String up = c.stream().filter(x -> x.contains("[Console]::In.ReadToEnd()")).findFirst().orElseThrow();
        // Windows accepts routes by default: up gets --accept-routes=false, and routes are accepted once looked at
        assertTrue(up.matches("(?s).*& 'C:\\\\Program Files\\\\Tailscale\\\\tailscale.exe' up --unattended"
                + " '--login-server=http://127.0.0.1:8080' '--auth-key=file:C:\\\\ProgramData\\\\mesh\\\\mesh-key-[0-9a-f]{32}\\.key'"
                + " '--accept-routes=false' '--timeout=5s'\n.*"), up);
        assertEquals("true", windows.node.pref("accept-routes"));
        assertTrue(up.contains("} finally {\n  Remove-Item -LiteralPath $keyFile"), up);
        int before = c.size();

        assertEquals(ExitCodes.OK, provision(), cli.output());

        assertTrue(cli.out.contains("was already on the mesh (" + SimulatedWindowsHost.TAILSCALE_IP + "); nothing changed"), cli.out);
        List<String> second = windows.decodedCommands().subList(before, windows.host.commands().size());
        assertTrue(second.stream().noneMatch(x -> x.contains(" up ") || x.contains("winget") || x.contains("Register-ScheduledTask")),
                second.toString());
        assertEquals(1, keyRequests().size(), "no new key");
        assertEquals(2, windows.host.connectionCount(), "one connection per run");
        assertNoKeyLeaked();
    }

    private List<String> keyRequests() {
        try {
            return cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Neither key in a command line, a decoded script, mesh's output or a file other than join-mesh.key. */
    private void assertNoKeyLeaked() throws IOException {
        Path allowed = windows.host.file(SimulatedWindowsHost.remote(DIR + "\\join-mesh.key"));
        try (Stream<Path> files = Files.walk(windows.host.fsRoot())) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(allowed)).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
                assertFalse(content.contains(CliHarness.KEY) || content.contains(MANUAL_KEY), "a key left in " + f);
            }
        }
        List<String> texts = new ArrayList<>(windows.host.commands());
        texts.addAll(windows.decodedCommands());
        texts.add(cli.output());
        for (String key : List.of(CliHarness.KEY, MANUAL_KEY)) {
            for (String text : texts) {
                assertFalse(text.contains(key), "a key in: " + text);
            }
        }
        assertTrue(windows.unknown.isEmpty(), "scripts the host did not understand: " + windows.unknown);
    }

    /** Every command line is one cmd.exe passes through untouched, within its length limit. */
    private void assertSafeForCmd() {
        for (String command : windows.host.commands()) {
            assertTrue(command.length() <= 8191, "too long for cmd.exe: " + command.length());
            assertTrue(command.matches("echo connected|uname -s|echo %OS%|hostname|powershell -NoProfile -NonInteractive -EncodedCommand [A-Za-z0-9+/=]+"),
                    "unexpected command line: " + command);
        }
    }

    static void assertOrder(List<String> commands, String... fragments) {
        int at = 0;
        for (String fragment : fragments) {
            int found = -1;
            for (int i = at; i < commands.size(); i++) {
                if (commands.get(i).contains(fragment)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "'" + fragment + "' not found in order after command " + at + " in " + commands);
            at = found + 1;
        }
    }
}
