package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TransportException;
import dev.mesh.testkit.ScriptedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallTailscaleStepTest {

    private static TestContext ctx(SimulatedDebianHost<ScriptedHost> debian, String hocon) {
        TestContext ctx = new TestContext(debian);
        ctx.settings(hocon);
        return ctx;
    }

    @Test
    void scriptRunsUnderTheInstallTimeoutAfterWaitingForApt() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        TestContext ctx = ctx(debian, "");
        ctx.timeouts = new dev.mesh.api.StepTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(400), Duration.ofSeconds(60));
        InstallTailscaleStep.run(ctx);
        assertEquals(Duration.ofSeconds(400), debian.host.timeoutOf("curl "));
        assertEquals(Duration.ofSeconds(400), debian.host.timeoutOf("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install"));
        assertEquals(Duration.ofSeconds(30), debian.host.timeoutOf("sudo -n systemctl"));
        assertTrue(ctx.listener.has("ok", "Tailscale 1.80.2 installed"));
        assertTrue(ctx.listener.has("ok", "tailscaled enabled and started (systemd)"));
    }

    @Test
    void noAptWaitOnOtherDistributions() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        TestContext ctx = ctx(debian, "");
        ctx.os = DetectedOs.builder("linux").distribution("fedora").version("40").architecture("x86_64").packageManager("dnf").build();
        InstallTailscaleStep.run(ctx);
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("apt-get")));
    }

    @Test
    void pinnedVersionAndTrackGoToTheScriptAsEnvironment() {
        LinuxSettings s = TestContext.linuxSettings("install { track = stable, version = \"1.80.2\" }");
        assertEquals("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 env TRACK='stable' TAILSCALE_VERSION='1.80.2' sh",
                InstallTailscaleStep.scriptCommand(shell("steve"), s));
        assertEquals("curl -fsSL 'https://tailscale.com/install.sh' | TRACK='stable' TAILSCALE_VERSION='1.80.2' sh",
                InstallTailscaleStep.scriptCommand(shell("root"), s));
    }

    @Test
    void scriptUrlWithOddCharactersIsOneQuotedWord() throws Exception {
        LinuxSettings s = TestContext.linuxSettings(
                "install.script-url = \"https://mirror.test/it's/install.sh?a=1&b=$(reboot)\"");
        String command = InstallTailscaleStep.scriptCommand(shell("steve"), s);
        assertEquals("curl -fsSL 'https://mirror.test/it'\\''s/install.sh?a=1&b=$(reboot)' | sudo -n timeout -k 2 0 sh", command);
        // prove sh sees exactly one argument with the URL unchanged
        String echoed = sh("printf '%s\\n' " + command.substring("curl -fsSL ".length(), command.indexOf(" | ")));
        assertEquals("https://mirror.test/it's/install.sh?a=1&b=$(reboot)\n", echoed);
    }

    @Test
    void scriptFailureReportsTheOutputTail() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        StringBuilder noisy = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            noisy.append("line ").append(i).append('\n');
        }
        debian.host.onPrefix("curl ", (c, h) -> result(100, noisy.toString(), "E: Unable to locate package tailscale\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("E: Unable to locate package tailscale"), e.getMessage());
        assertTrue(e.getMessage().contains("(exit status 100)"), e.getMessage());
        assertTrue(!e.getMessage().contains("line 1\n"), "only the tail: " + e.getMessage());
    }

    @Test
    void failedDownloadPipedIntoShIsCaught() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        // curl fails, sh gets an empty script and exits 0: nothing is installed
        debian.host.onPrefix("curl ", (c, h) -> result(0, "", "curl: (6) Could not resolve host: tailscale.com\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Could not resolve host"), e.getMessage());
    }

    @Test
    void heldAptLockFailsBeforeTheScript() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onPrefix("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y", (c, h) -> result(100, "",
                "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 812 (unattended-upgr)\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertTrue(e.getMessage().contains("unattended-upgr"), e.getMessage());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("curl")));
    }

    @Test
    void systemdFailureNamesTheCauseWithTheJournal() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onExact("sudo -n systemctl enable --now tailscaled", result(1, "", "Job for tailscaled.service failed.\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("Job for tailscaled.service failed."), e.getMessage());
        assertTrue(e.getMessage().contains("journalctl -u tailscaled:\ntailscaled[412]:"), e.getMessage());
    }

    @Test
    void aDaemonThatDoesNotStayUpFailsWithItsJournal() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tailscaledCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().startsWith("tailscaled is not running 3 s after it was started (systemctl is-active:"
                + " activating, restarted 4 time(s) meanwhile); journalctl -u tailscaled:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("tailscaled.state: is a directory"), e.getMessage());
    }

    @Test
    void withoutATunDeviceItSaysHowToGetOneOrToUseUserspaceNetworking() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tun = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TUN_MISSING, e.reason());
        assertTrue(e.getMessage().startsWith("the host has no TUN device (/dev/net/tun is missing"), e.getMessage());
        assertTrue(e.hint().contains("--device /dev/net/tun") && e.hint().contains("userspace-networking = true"), e.hint());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("systemctl enable")));
    }

    @Test
    void userspaceNetworkingGoesIntoTailscaledsFlagsBeforeItStarts() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tun = false;
        TestContext ctx = ctx(debian, "userspace-networking = true");
        InstallTailscaleStep.run(ctx);
        assertEquals("--tun=userspace-networking", debian.tailscaledFlags);
        List<String> commands = debian.host.commands();
        assertTrue(commands.indexOf("sudo -n sh -c " + LinuxShell.q(TailscaledService.USERSPACE_SCRIPT))
                < commands.indexOf("sudo -n systemctl enable --now tailscaled"), commands.toString());
        assertFalse(commands.contains("test -c /dev/net/tun"), "no TUN device needed");
        assertTrue(ctx.listener.has("ok", "tailscaled enabled and started (systemd, userspace networking)"));
    }

    @Test
    void anInstalledClientOlderThanHeadscaleAcceptsStopsBeforeUp() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.installedVersion = "1.72.1";
        TestContext ctx = ctx(debian, "");
        ctx.headscaleVersion = java.util.Optional.of("0.28.0");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertEquals("the install method installed Tailscale 1.72.1, older than 1.74.0, the oldest client Headscale 0.28.0"
                + " accepts", e.getMessage());
    }

    @Test
    void withoutSystemdAnAlreadyRunningDaemonIsKeptWithAWarning() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        debian.host.onExact("pgrep -x tailscaled", "4242\n");
        TestContext ctx = ctx(debian, "");
        InstallTailscaleStep.run(ctx);
        assertTrue(ctx.listener.has("warn", "systemd is not running"));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("systemctl")));
    }

    @Test
    void withoutSystemdOrOpenRcTheDaemonIsStartedInTheBackground() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        debian.host.onExact("pgrep -x tailscaled", result(1, "", ""));
        AtomicBoolean started = new AtomicBoolean();
        debian.host.onPrefix("sudo -n sh -c 'mkdir", (c, h) -> {
            started.set(true);
            debian.node.daemonRunning = true;
            return ok("");
        });
        TestContext ctx = ctx(debian, "");
        InstallTailscaleStep.run(ctx);
        assertTrue(started.get());
        String start = debian.host.commands().stream().filter(c -> c.startsWith("sudo -n sh -c 'mkdir")).findFirst().orElseThrow();
        assertTrue(start.endsWith(TailscaledService.WAIT_FOR_SOCKET), start);
        assertTrue(ctx.listener.has("warn", "will not start again after a reboot"));
        assertTrue(ctx.listener.has("ok", "tailscaled started in the background"));
    }

    @Test
    void backgroundStartFailureShowsTheDaemonLog() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        debian.host.onExact("pgrep -x tailscaled", result(1, "", ""))
                .onPrefix("sudo -n sh -c ", (c, h) -> result(1, "", ""))
                .onExact("sudo -n tail -n 20 /var/log/tailscaled.log", "wgengine.NewUserspaceEngine(tun \"tailscale0\") error: CreateTUN: /dev/net/tun does not exist\n");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx(debian, "")));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("/dev/net/tun does not exist"), e.getMessage());
    }

    @Test
    void openRcHostsUseTheirService() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.systemd = false;
        debian.host.onExact("pgrep -x tailscaled", result(1, "", ""))
                .onExact("command -v rc-service", "/sbin/rc-service\n")
                .on("sudo -n rc-update add tailscale default && sudo -n rc-service tailscale start"::equals, (c, h) -> {
                    debian.node.daemonRunning = true;
                    return ok("");
                });
        TestContext ctx = ctx(debian, "");
        InstallTailscaleStep.run(ctx);
        assertTrue(ctx.listener.has("ok", "OpenRC"));
    }

    @Test
    void uploadedDebIsInstalledWithAptAndRemovedEvenWhenItFails(@TempDir Path dir) throws Exception {
        Path deb = dir.resolve("tailscale_1.80.2_amd64.deb");
        Files.write(deb, new byte[] {1, 2, 3, 4});
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onPrefix("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' '/tmp/mesh-tailscale-",
                (c, h) -> result(100, "", "E: Invalid archive signature\n"));
        TestContext ctx = ctx(debian, "install { method = upload, upload-file = \"" + deb + "\" }");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InstallTailscaleStep.run(ctx));
        assertTrue(e.getMessage().contains("Invalid archive signature"));
        ScriptedHost.Upload upload = debian.host.uploads().get(0);
        assertTrue(upload.path().matches("/tmp/mesh-tailscale-[0-9a-f]{32}\\.deb"), upload.path());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, upload.content());
        assertTrue(debian.host.filesUnder("/tmp").isEmpty(), "uploaded package removed");
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("curl")));
    }

    @Test
    void uploadInstallCommands() {
        LinuxSettings s = TestContext.linuxSettings("install.version = \"1.80.2\"");
        LinuxShell user = shell("steve");
        assertEquals("sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' '/tmp/x.deb'",
                InstallTailscaleStep.uploadInstallCommand(user, s, LinuxSettings.UploadKind.DEB, "/tmp/x.deb"));
        assertEquals("sudo -n timeout -k 2 0 rpm -i '/tmp/x.rpm'",
                InstallTailscaleStep.uploadInstallCommand(user, s, LinuxSettings.UploadKind.RPM, "/tmp/x.rpm"));
        assertEquals("TAILSCALE_VERSION='1.80.2' sh '/tmp/x.sh'",
                InstallTailscaleStep.uploadInstallCommand(shell("root"), s, LinuxSettings.UploadKind.SCRIPT, "/tmp/x.sh"));
    }

    @Test
    void uploadFailureStillTriesToRemoveTheFile(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("install.sh");
        Files.writeString(script, "#!/bin/sh\n");
        ScriptedHost host = SimulatedDebianHost.bare().failUploadsWith(new TransportException("SFTP write failed"));
        host.onExact("id -u", "1000\n");
        TestContext ctx = new TestContext(host, "steve");
        ctx.settings("install { method = upload, upload-file = \"" + script + "\" }");
        assertThrows(TransportException.class, () -> InstallTailscaleStep.run(ctx));
        assertTrue(host.filesUnder("/tmp").isEmpty());
    }

    static LinuxShell shell(String user) {
        ScriptedHost host = SimulatedDebianHost.bare().onExact("id -u", user.equals("root") ? "0\n" : "1000\n")
                .onExact("sudo -n true", "");
        return LinuxShell.of(new TestContext(host, user));
    }

    static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }
}
