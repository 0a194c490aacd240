package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConnectTest {
    static final String DIR = "C:\\ProgramData\\mesh";
    static final String KEY_FILE = DIR + "\\tailscale-auth.key";
    static final String UP = PowerShell.PREAMBLE + "& 'C:\\Program Files\\Tailscale\\tailscale.exe' up --unattended"
            + " '--login-server=http://headscale.test:8080' '--auth-key=file:C:\\ProgramData\\mesh\\tailscale-auth.key'"
            + " --accept-routes --reset '--timeout=60s'\nexit $LASTEXITCODE";

    private final Fixture f = new Fixture();

    Fixture installed() {
        f.host.tailscaleInstalled = true;
        return f;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void joinsOnTheFirstSecondOrThirdAttempt(int failures) {
        installed().host.upFailures = failures;
        ConnectResult result = f.provisioner.connect(f.ctx);
        assertEquals(new ConnectResult.Connected("tailscale up --unattended succeeded on attempt " + (failures + 1)), result);
        assertEquals(failures + 1, f.host.upRuns);
        assertEquals(failures, f.host.restarts, "the service is restarted between attempts");
        assertFalse(f.host.files.containsKey(KEY_FILE), "the key file is deleted");
        assertEquals(List.of("/C:/ProgramData/mesh/tailscale-auth.key"), f.host.uploadedSftpPaths);
        assertEquals(1, f.host.scripts.stream().filter(UP::equals).distinct().count());
        assertTrue(f.host.timeouts.contains(Duration.ofSeconds(90)), "SSH waits longer than tailscale's --timeout");

        TailscaleStatus status = f.provisioner.verify(f.ctx);
        assertEquals(FakeWindowsHost.TAILSCALE_IP, status.ipv4());
        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked();
    }

    @Test
    void theKeyFileIsProtectedBeforeItIsUsedAndDeletedAfter() {
        installed().provisioner.connect(f.ctx);
        List<String> s = f.host.scripts;
        String dirScript = s.get(0);
        assertTrue(dirScript.contains("New-Item -ItemType Directory -Force -Path 'C:\\ProgramData\\mesh'"), dirScript);
        assertTrue(dirScript.contains("Protect-MeshPath 'C:\\ProgramData\\mesh' $true"), dirScript);
        for (String acl : List.of("SetAccessRuleProtection($true, $false)", "SecurityIdentifier('S-1-5-32-544')",
                "SecurityIdentifier('S-1-5-18')", "'FullControl', $inherit, 'None', 'Allow'", "$acl.SetOwner($admins)",
                "AreAccessRulesProtected", "Set-Acl -LiteralPath $path -AclObject $acl")) {
            assertTrue(dirScript.contains(acl), "directory ACL script lacks " + acl);
        }
        assertTrue(s.get(1).contains("foreach ($file in @('C:\\ProgramData\\mesh\\tailscale-auth.key')) { Protect-MeshPath $file $false }"));
        assertEquals(UP, s.get(2));
        assertEquals(PowerShell.PREAMBLE + "Remove-Item -LiteralPath 'C:\\ProgramData\\mesh\\tailscale-auth.key' -Force"
                + " -ErrorAction SilentlyContinue\nif (Test-Path -LiteralPath 'C:\\ProgramData\\mesh\\tailscale-auth.key')"
                + " { 'still there'; exit 1 }\n'deleted'", s.get(3));
        assertEquals(4, s.size());
        assertTrue(f.host.protectedPaths.containsAll(List.of(DIR, KEY_FILE)));
    }

    @Test
    void afterEveryAttemptFailedTheOperatorGetsAScriptAndASingleUseKey() {
        installed().host.upFailures = 3;
        ConnectResult result = f.provisioner.connect(f.ctx);

        ConnectResult.ManualStepNeeded manual = assertInstanceOf(ConnectResult.ManualStepNeeded.class, result);
        String script = DIR + "\\join-mesh.ps1";
        String keyFile = DIR + "\\join-mesh.key";
        assertTrue(manual.instructions().contains("powershell -ExecutionPolicy Bypass -File C:\\ProgramData\\mesh\\join-mesh.ps1"),
                manual.instructions());
        assertTrue(manual.instructions().contains("elevated prompt"), manual.instructions());
        assertTrue(manual.instructions().contains("context deadline exceeded"), "last error shown: " + manual.instructions());
        assertEquals(3, f.host.upRuns);
        assertEquals(2, f.host.restarts);
        assertEquals(List.of(Duration.ofHours(1)), f.ctx.mintedExpirations);

        assertFalse(f.host.files.containsKey(KEY_FILE), "the run's key file is deleted");
        assertEquals(TestContext.MANUAL_KEY.reveal() + "\n", f.host.file(keyFile), "the single-use key, not the run's key");
        assertTrue(f.host.protectedPaths.containsAll(List.of(DIR, keyFile, script)), f.host.protectedPaths.toString());
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains(
                "foreach ($file in @('C:\\ProgramData\\mesh\\join-mesh.key', 'C:\\ProgramData\\mesh\\join-mesh.ps1'))")));

        byte[] bytes = f.host.files.get(script);
        assertEquals((byte) 0xEF, bytes[0], "UTF-8 with BOM for Windows PowerShell 5.1");
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("& 'C:\\Program Files\\Tailscale\\tailscale.exe' up --unattended"), text);
        assertTrue(text.contains("'--auth-key=file:C:\\ProgramData\\mesh\\join-mesh.key'"), text);
        assertTrue(text.contains("$log = 'C:\\ProgramData\\mesh\\join-mesh.log'"), text);
        assertTrue(text.contains("Add-Content -LiteralPath $log"), text);
        assertTrue(text.contains("| ForEach-Object { Write-Log ([string]$_) }"), "tailscale's output goes to the log");
        assertTrue(text.contains("Restart-Service -Name Tailscale"), text);
        assertTrue(text.contains("finally {\r\n  Remove-Item -LiteralPath $keyFile"), "deletes the key whatever happens");
        assertFalse(text.contains("$ErrorActionPreference = 'Stop'"), "native stderr would abort Windows PowerShell");

        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked(keyFile);
        assertFalse(TestContext.MANUAL_KEY.isIn(manual.instructions()));
        assertFalse(TestContext.RUN_KEY.isIn(manual.instructions()));
    }

    @Test
    void connectAttemptsIsConfigurable() {
        Fixture one = new Fixture("mesh.plugins.windows.connect-attempts = 1");
        one.host.tailscaleInstalled = true;
        one.host.upFailures = 1;
        assertInstanceOf(ConnectResult.ManualStepNeeded.class, one.provisioner.connect(one.ctx));
        assertEquals(1, one.host.upRuns);
        assertEquals(0, one.host.restarts);
    }

    @Test
    void aFailedUpThatStillJoinedThisServerCountsAsConnected() {
        installed().host.upFailures = 1;
        f.host.backendState = "Running"; // e.g. --timeout hit just as the node came up
        f.host.ip = FakeWindowsHost.TAILSCALE_IP;
        f.host.controlUrl = "http://headscale.test:8080";
        ConnectResult result = f.provisioner.connect(f.ctx);
        assertEquals(new ConnectResult.Connected("tailscaled Running after attempt 1"), result);
        assertEquals(1, f.host.upRuns);
    }

    @Test
    void aFailedUpWhileJoinedElsewhereIsRetried() {
        installed().host.upFailures = 1;
        f.host.backendState = "Running";
        f.host.ip = FakeWindowsHost.TAILSCALE_IP;
        f.host.controlUrl = "https://controlplane.tailscale.com";
        f.provisioner.connect(f.ctx);
        assertEquals(2, f.host.upRuns);
        assertEquals("http://headscale.test:8080", f.host.controlUrl);
    }

    @Test
    void verifyFailsWhenNotRunning() {
        installed().host.backendState = "NeedsLogin";
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.verify(f.ctx));
        assertEquals(FailureReason.VERIFY_FAILED, e.reason());
        assertEquals("BackendState is NeedsLogin", e.getMessage());
    }

    @Test
    void verifyRefusesAnAddressOutsideTailscalesRange() {
        installed().host.backendState = "Running";
        f.host.ip = "192.168.1.20";
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.verify(f.ctx));
        assertTrue(e.getMessage().contains("100.64.0.0/10"), e.getMessage());
    }
}
