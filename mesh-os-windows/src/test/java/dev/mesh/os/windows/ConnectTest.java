package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectTest {
    static final String DIR = "C:\\ProgramData\\mesh";

    private final Fixture f = new Fixture();

    Fixture installed() {
        f.host.withTailscale();
        return f;
    }

    /** The decoded scripts that ran {@code up} with the key from standard input. */
    private List<String> upScripts() {
        return f.host.scripts.stream().filter(s -> s.contains("[Console]::In.ReadToEnd()") && s.contains(" up ")).toList();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void joinsOnTheFirstSecondOrThirdAttempt(int failures) {
        installed().host.upFailures = failures;
        ConnectResult result = f.provisioner.connect(f.ctx);
        assertEquals(ConnectResult.connected("tailscale up --unattended succeeded on attempt " + (failures + 1)), result);
        assertEquals(failures + 1, f.host.upRuns);
        assertEquals(failures, f.host.restarts, "the service is restarted between attempts");
        assertEquals(failures + 1, upScripts().size());
        assertTrue(f.host.timeouts().contains(Duration.ofSeconds(90)), "SSH waits longer than tailscale's --timeout");

        TailscaleStatus status = f.provisioner.verify(f.ctx);
        assertEquals(SimulatedWindowsHost.TAILSCALE_IP, status.preferredAddress());
        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked();
    }

    @Test
    void theKeyComesOnStandardInputIntoAFileThatOnlyLivesWhileUpRuns() {
        installed().provisioner.connect(f.ctx);
        assertTrue(f.host.host.uploads().isEmpty(), "no key file is uploaded");
        ScriptedHost.Call up = f.host.host.calls().stream().filter(c -> !c.input().isEmpty()).findFirst().orElseThrow();
        assertEquals(TestContext.RUN_KEY.reveal() + "\n", up.input(), "the key travels on the script's standard input");
        String keyFile = f.host.keyFilesReadByUp.get(0);
        assertTrue(keyFile.matches("C:\\\\ProgramData\\\\mesh\\\\mesh-key-[0-9a-f]{32}\\.key"), keyFile);
        assertEquals(List.of(TestContext.RUN_KEY.reveal()), f.host.keysReadByUp);
        assertFalse(f.host.exists(keyFile), "removed in the script's finally");
        assertEquals(List.of(), f.host.filesIn(DIR));
        assertEquals(1, f.host.cleanupTasks.size(), "a cleanup task was registered");
        assertTrue(f.host.scheduledTasks.isEmpty(), "and removed again");
        f.assertNoKeyLeaked();
    }

    @Test
    void theDirectoryIsRestrictedBeforeTheKeyScriptRuns() {
        installed().provisioner.connect(f.ctx);
        String dirScript = f.host.scripts.stream().filter(s -> s.contains("Protect-MeshPath 'C:\\ProgramData\\mesh' $true"))
                .findFirst().orElseThrow();
        assertTrue(dirScript.contains("New-Item -ItemType Directory -Force -Path 'C:\\ProgramData\\mesh'"), dirScript);
        for (String acl : List.of("SetAccessRuleProtection($true, $false)", "SecurityIdentifier('S-1-5-32-544')",
                "SecurityIdentifier('S-1-5-18')", "'FullControl', $inherit, 'None', 'Allow'", "$acl.SetOwner($admins)",
                "AreAccessRulesProtected", "Set-Acl -LiteralPath $path -AclObject $acl")) {
            assertTrue(dirScript.contains(acl), "directory ACL script lacks " + acl);
        }
        assertTrue(f.host.scripts.indexOf(dirScript) < f.host.scripts.indexOf(upScripts().get(0)));
        assertTrue(f.host.protectedPaths.contains(DIR));
    }

    @Test
    void theKeyScriptBoundsTheFilesLife() {
        KeyFile file = KeyFile.in(DIR, Duration.ofSeconds(60));
        String script = file.script(List.of("up", "--unattended", "--auth-key=file:/dev/stdin", "--timeout=60s"));
        assertTrue(script.contains("$key = [Console]::In.ReadToEnd().Trim()"), script);
        assertTrue(script.contains("'--auth-key=file:" + file.path() + "'"), script);
        assertFalse(script.contains("/dev/stdin"), script);
        assertTrue(script.contains("New-ScheduledTaskTrigger -Once -At (Get-Date).AddSeconds(180)"), "60 s + 2 min: " + script);
        assertTrue(script.indexOf("Register-ScheduledTask") < script.indexOf("WriteAllText"), "cleanup armed before the file exists");
        assertTrue(script.contains("} finally {\n  Remove-Item -LiteralPath $keyFile"), script);
        assertTrue(script.contains("Unregister-ScheduledTask -TaskName $task"), script);
        String cleanup = script.substring(script.indexOf("-EncodedCommand ") + "-EncodedCommand ".length());
        cleanup = cleanup.substring(0, cleanup.indexOf('\''));
        assertEquals(file.cleanup(), dev.mesh.api.Quoting.decodePowerShell(cleanup));
        assertTrue(file.cleanup().contains("Remove-Item -LiteralPath '" + file.path() + "'"), file.cleanup());
        assertFalse(file.path().equals(KeyFile.in(DIR, Duration.ofSeconds(60)).path()), "every file name is new");
    }

    @Test
    void afterEveryAttemptFailedTheOperatorGetsAScriptAndASingleUseKey() {
        installed().host.upFailures = 3;
        ConnectResult result = f.provisioner.connect(f.ctx);

        assertTrue(result.manualStepNeeded());
        String instructions = result.text();
        String script = DIR + "\\join-mesh.ps1";
        String keyFile = DIR + "\\join-mesh.key";
        assertTrue(instructions.contains("powershell -ExecutionPolicy Bypass -File C:\\ProgramData\\mesh\\join-mesh.ps1"),
                instructions);
        assertTrue(instructions.contains("elevated prompt"), instructions);
        assertTrue(instructions.contains("context deadline exceeded"), "last error shown: " + instructions);
        assertEquals(3, f.host.upRuns);
        assertEquals(2, f.host.restarts);
        assertEquals(List.of(Duration.ofHours(1)), f.ctx.mintedExpirations);

        assertEquals(TestContext.MANUAL_KEY.reveal(), f.host.file(keyFile), "the single-use key, not the run's key");
        assertTrue(f.host.host.uploads().stream().noneMatch(u -> u.path().endsWith(".key")), "the key was not uploaded");
        assertTrue(f.host.host.calls().stream().anyMatch(c -> c.input().equals(TestContext.MANUAL_KEY.reveal() + "\n")));
        assertTrue(f.host.protectedPaths.containsAll(List.of(DIR, keyFile, script)), f.host.protectedPaths.toString());
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains(
                "foreach ($file in @('C:\\ProgramData\\mesh\\join-mesh.key', 'C:\\ProgramData\\mesh\\join-mesh.ps1'))")));
        assertEquals(List.of("join-mesh.key", "join-mesh.ps1"), f.host.filesIn(DIR), "no run key file left");

        byte[] bytes = f.host.bytes(script);
        assertEquals((byte) 0xEF, bytes[0], "UTF-8 with BOM for Windows PowerShell 5.1");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("& 'C:\\Program Files\\Tailscale\\tailscale.exe' up --unattended"
                + " '--login-server=http://headscale.test:8080'"), text);
        assertFalse(text.contains("--accept-routes"), "Tailscale's own default: " + text);
        assertTrue(text.contains("'--auth-key=file:C:\\ProgramData\\mesh\\join-mesh.key'"), text);
        assertTrue(text.contains("$log = 'C:\\ProgramData\\mesh\\join-mesh.log'"), text);
        assertTrue(text.contains("Add-Content -LiteralPath $log"), text);
        assertTrue(text.contains("| ForEach-Object { Write-Log ([string]$_) }"), "tailscale's output goes to the log");
        assertTrue(text.contains("Restart-Service -Name Tailscale"), text);
        assertTrue(text.contains("finally {\r\n  Remove-Item -LiteralPath $keyFile"), "deletes the key whatever happens");
        assertFalse(text.contains("$ErrorActionPreference = 'Stop'"), "native stderr would abort Windows PowerShell");

        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked();
        assertFalse(TestContext.MANUAL_KEY.isIn(instructions));
        assertFalse(TestContext.RUN_KEY.isIn(instructions));
    }

    @Test
    void connectAttemptsIsConfigurable() {
        Fixture one = new Fixture("mesh.plugins.windows.connect-attempts = 1");
        one.host.withTailscale();
        one.host.upFailures = 1;
        assertTrue(one.provisioner.connect(one.ctx).manualStepNeeded());
        assertEquals(1, one.host.upRuns);
        assertEquals(0, one.host.restarts);
    }

    @Test
    void aFailedUpThatStillJoinedThisServerCountsAsConnected() {
        installed().host.upFailures = 1;
        f.host.node.joined("http://headscale.test:8080"); // e.g. --timeout hit just as the node came up
        ConnectResult result = f.provisioner.connect(f.ctx);
        assertEquals(ConnectResult.connected("tailscaled Running after attempt 1"), result);
        assertEquals(1, f.host.upRuns);
    }

    @Test
    void aFailedUpWhileJoinedElsewhereIsRetriedWithForceReauth() {
        installed().host.upFailures = 1;
        f.host.node.joined("https://controlplane.tailscale.com");
        f.provisioner.connect(f.ctx);
        assertEquals(2, f.host.upRuns);
        assertEquals("http://headscale.test:8080", f.host.node.pref("login-server"));
        assertTrue(upScripts().get(0).contains(" --force-reauth\n"), upScripts().get(0));
    }

    @Test
    void verifyFailsWhenNotRunning() {
        installed().host.node.backendState = "NeedsLogin";
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.verify(f.ctx));
        assertEquals(FailureReason.VERIFY_FAILED, e.reason());
        assertEquals("BackendState is NeedsLogin", e.getMessage());
    }

    @Test
    void verifyAcceptsAnyTailscaleAddress() {
        installed().host.node.joined("http://headscale.test:8080");
        assertEquals(List.of("100.64.0.7", "fd7a:115c:a1e0::7"), f.provisioner.verify(f.ctx).addresses());
    }

    @Test
    void windowsAcceptsRoutesByDefaultSoTheyAreLookedAtFirst() {
        installed().host.node.offeredRoutes = List.of("192.168.1.0/24");
        f.provisioner.connect(f.ctx);
        assertTrue(upScripts().get(0).contains("'--accept-routes=false'"), upScripts().get(0));
        assertEquals("true", f.host.node.pref("accept-routes"), "then accepted, as Windows' default wants");
        assertTrue(f.ctx.warnings().stream().anyMatch(w -> w.contains("192.168.1.0/24 covers the connection mesh uses"
                + " (192.168.1.5 → 192.168.1.20 (LAN 192.168.1.20/24))")), f.ctx.warnings().toString());
    }

    @Test
    void refusedRoutesStayRefused() {
        installed().host.node.offeredRoutes = List.of("192.168.1.0/24");
        f.ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptRoutes(false).build();
        f.provisioner.connect(f.ctx);
        assertEquals("false", f.host.node.pref("accept-routes"));
        assertEquals(List.of(), f.ctx.warnings());
    }
}
