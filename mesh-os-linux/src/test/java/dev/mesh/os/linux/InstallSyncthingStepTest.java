package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.ScriptedHost;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InstallSyncthingStepTest {

    @Test
    void downloadFailuresThatAptUpdateOnlyWarnsAboutAreKeptForTheError() {
        dev.mesh.api.CommandResult update = new dev.mesh.api.CommandResult(0,
                "Ign:1 http://mirror/debian bookworm InRelease\n",
                "W: Failed to fetch http://mirror/debian/dists/bookworm/InRelease  Temporary failure resolving 'mirror'\n"
                        + "W: Some index files failed to download. They have been ignored, or old ones used instead.\n", false);
        String problems = InstallSyncthingStep.fetchFailures(update);
        org.junit.jupiter.api.Assertions.assertTrue(problems.startsWith("The package lists could not be downloaded"), problems);
        org.junit.jupiter.api.Assertions.assertTrue(problems.contains("Temporary failure resolving 'mirror'"), problems);
        org.junit.jupiter.api.Assertions.assertEquals("",
                InstallSyncthingStep.fetchFailures(new dev.mesh.api.CommandResult(0, "Hit:1 http://mirror bookworm InRelease\n", "", false)));
    }

    @Test
    void installsWithAptUnderTheInstallTimeoutAndEnablesTheUserService() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        TestContext ctx = new TestContext(debian);
        assertTrue(InstallSyncthingStep.run(ctx));
        assertEquals(Duration.ofSeconds(180), debian.host.timeoutOf("sudo -n timeout -k 2 0 apt-get"));
        assertEquals(Duration.ofSeconds(180), debian.host.timeoutOf("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND"));
        assertTrue(ctx.listener.has("ok", "syncthing@steve enabled and started"));
    }

    @Test
    void withoutSystemdItSaysSoAndDoesNotPretend() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        TestContext ctx = new TestContext(debian);
        assertTrue(InstallSyncthingStep.run(ctx), "the package was installed");
        assertTrue(ctx.listener.has("warn", "systemd is not running on this host; syncthing@steve was not enabled"
                + " — start `syncthing serve --no-browser` yourself"), String.valueOf(ctx.listener.lines));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("systemctl enable")));
    }

    @Test
    void alreadyInstalledAndEnabledChangesNothing() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.syncthingInstalled = true;
        debian.syncthingUnit = true;
        assertFalse(InstallSyncthingStep.run(new TestContext(debian)));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("sudo")), String.valueOf(debian.host.commands()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "user-active | the systemd user service syncthing.service (active, enabled)",
            "user-enabled | the systemd user service syncthing.service (enabled)",
            "process | a syncthing process (pid 2211)"})
    void aSyncthingTheUserRunsInAnyFormIsLeftAlone(String form, String described) {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.syncthingInstalled = true;
        debian.userSyncthing = form;
        TestContext ctx = new TestContext(debian);
        assertFalse(InstallSyncthingStep.run(ctx), "nothing changed");
        assertTrue(ctx.listener.has("ok", "Syncthing already runs for steve as " + described
                + "; mesh leaves it alone and does not start syncthing@steve"), ctx.messages.toString());
        assertEquals(List.of("id -u", ExistingSyncthing.command("steve")), debian.host.commands(), "nothing installed or started");
        assertFalse(debian.syncthingUnit);
    }

    @Test
    void aUserServiceIsFoundWithoutSystemdAsPid1ByItsLink() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        debian.userSyncthing = "user-enabled";
        assertFalse(InstallSyncthingStep.run(new TestContext(debian)));
    }

    @Test
    void aUnitThatDoesNotStayUpFailsWithItsJournal() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.syncthingCrashes = true;
        TestContext ctx = new TestContext(debian);
        ctx.settings("service-check = 1500ms");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallSyncthingStep.run(ctx));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().startsWith("syncthing@steve is not running 1.5 s after it was started (systemctl is-active:"
                + " activating, restarted 4 time(s) meanwhile); journalctl -u syncthing@steve:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("Failed to acquire lock"), e.getMessage());
        assertTrue(debian.host.commands().contains("sudo -n journalctl -u 'syncthing@steve' -n 20 --no-pager"));
        assertFalse(ctx.listener.has("ok", "enabled and started"));
    }

    @Test
    void alreadyInstalledButNotEnabledGetsEnabled() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.syncthingInstalled = true;
        assertTrue(InstallSyncthingStep.run(new TestContext(debian)));
        assertTrue(debian.host.commands().contains("sudo -n systemctl enable --now 'syncthing@steve'"));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("apt-get")));
    }

    @Test
    void alreadyInstalledWithoutSystemdChangesNothing() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.syncthingInstalled = true;
        debian.systemd = false;
        TestContext ctx = new TestContext(debian);
        assertFalse(InstallSyncthingStep.run(ctx));
        assertTrue(ctx.listener.has("warn", "systemd is not running"));
    }

    @Test
    void aptFailureIsASyncthingFailure() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onExact("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
                result(100, "", "E: Unable to locate package syncthing\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallSyncthingStep.run(new TestContext(debian)));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Unable to locate package syncthing"));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED.hint(), e.hint());
    }

    @Test
    void rockyFailureHintsAtEpel() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onExact("sudo -n timeout -k 2 0 dnf install -y syncthing", result(1, "", "Error: Unable to find a match: syncthing\n"));
        TestContext ctx = new TestContext(debian);
        ctx.os = DetectedOs.builder("linux").distribution("rocky").version("9.4").architecture("x86_64").packageManager("dnf").build();
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallSyncthingStep.run(ctx));
        assertTrue(e.hint().contains("EPEL"), e.hint());
    }

    @Test
    void unknownPackageManagerFailsClearly() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        TestContext ctx = new TestContext(debian);
        ctx.os = DetectedOs.builder("linux").distribution("nixos").version("24.05").architecture("x86_64").build();
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallSyncthingStep.run(ctx));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("no supported package manager"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "APT | sudo -n timeout -k 2 0 apt-get -o 'DPkg::Lock::Timeout=120' update ;; sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
            "DNF | sudo -n timeout -k 2 0 dnf install -y syncthing",
            "YUM | sudo -n timeout -k 2 0 yum install -y syncthing",
            "ZYPPER | sudo -n timeout -k 2 0 zypper --non-interactive install syncthing",
            "PACMAN | sudo -n timeout -k 2 0 pacman -S --noconfirm --needed syncthing",
            "APK | sudo -n timeout -k 2 0 apk add syncthing"})
    void installCommandsPerPackageManager(PackageManager pm, String expected) {
        LinuxSettings settings = TestContext.linuxSettings("");
        assertEquals(List.of(expected.split(" ;; ")),
                InstallSyncthingStep.installCommands(pm, InstallTailscaleStepTest.shell("steve"), settings));
    }

    @Test
    void aptLockTimeoutComesFromConfig() {
        LinuxSettings settings = TestContext.linuxSettings("apt-lock-timeout = 5m");
        assertTrue(InstallSyncthingStep.installCommands(PackageManager.APT, InstallTailscaleStepTest.shell("root"), settings)
                .get(1).equals("DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=300' syncthing"));
    }

    @Test
    void userNameIsQuotedInTheUnit() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("o'brien");
        assertTrue(InstallSyncthingStep.run(new TestContext(debian)));
        assertTrue(debian.host.commands().contains("sudo -n systemctl enable --now 'syncthing@o'\\''brien'"));
    }
}
