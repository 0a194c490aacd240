package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole sequence on a host prepared with {@code mesh remote prepare}: root only through the helper. */
class PreparedDebianSequenceTest {
    private static final String HELPER = SimulatedDebianHost.HELPER;
    private static final String PIN = "0123456789abcdef";

    @Test
    void everyRootCommandGoesThroughTheHelper() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
        debian.pins = new RootHelper.Pins("http://headscale.test:8080", List.of(), false, false,
                RootHelper.installPin(TestContext.linuxSettings("")));
        TestContext ctx = new TestContext(debian);
        LinuxProvisioner linux = new LinuxProvisioner();

        assertFalse(linux.inspect(ctx).tailscaleInstalled());
        linux.installTailscale(ctx);
        assertFalse(linux.connect(ctx).manualStepNeeded());
        assertEquals(SimulatedDebianHost.TAILSCALE_IP, linux.verify(ctx).preferredAddress());
        assertTrue(linux.installSyncthing(ctx));

        assertEquals(List.of(
                "id -u",
                "sudo -n true",
                HELPER + "'check'",
                "command -v tailscale",
                HELPER + "'tailscale-path'",
                "test -c /dev/net/tun",
                HELPER + "'apt-wait-lock'",
                HELPER + "'install-tailscale-script'",
                "command -v tailscale",
                HELPER + "'tailscale-path'",
                "/usr/bin/tailscale version",
                "test -c /dev/net/tun",
                "test -d /run/systemd/system",
                HELPER + "'enable-service' 'tailscaled'",
                FreshDebianSequenceTest.serviceCheck("tailscaled"),
                "/usr/bin/tailscale status --json",
                HELPER + "'tailscale-prefs'",
                HELPER + "'tailscale-up' '--login-server=http://headscale.test:8080'"
                        + " '--auth-key=file:/dev/stdin' '--timeout=60s'",
                "/usr/bin/tailscale status --json",
                ExistingSyncthing.command("steve"),
                "command -v syncthing",
                HELPER + "'apt-update'",
                HELPER + "'install-syncthing' 'apt'",
                "test -d /run/systemd/system",
                HELPER + "'enable-service' 'syncthing@steve'",
                FreshDebianSequenceTest.serviceCheck("syncthing@steve")), debian.host.commands());
        assertEquals(ctx.authKey().reveal(), debian.keyReadByUp);
        SecretAssertions.assertOnlyOnStdin(debian.host, ctx.authKey());
        assertTrue(ctx.listener.has("ok", "Prepared host"), ctx.listener.lines.toString());
        assertFalse(ctx.listener.lines.stream().anyMatch(l -> l.startsWith("warn:")), ctx.listener.lines.toString());
    }

    @Test
    void aHelperPreparedWithOtherInstallSettingsIsReported() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared("0123456789abcdef");
        debian.pins = new RootHelper.Pins("http://headscale.test:8080", List.of(), false, false, "0000000000000000");
        TestContext ctx = new TestContext(debian);
        new LinuxProvisioner().inspect(ctx);
        assertTrue(ctx.listener.has("warn", "run `mesh remote prepare` again"), ctx.listener.lines.toString());
    }

    @Test
    void aHelperPreparedForAnotherLoginServerStopsTheRunBeforeAnyKey() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
        debian.pins = new RootHelper.Pins("https://old.example.com", List.of(), false, false, "");
        TestContext ctx = new TestContext(debian);
        ctx.authKey = null;
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(ctx));
        assertEquals(FailureReason.HELPER_STALE, e.reason());
        assertEquals("the host's mesh helper was prepared for the login server https://old.example.com; this run uses"
                + " http://headscale.test:8080", e.getMessage());
        assertTrue(e.hint().contains("mesh remote prepare"), e.hint());
    }

    @Test
    void aHelperNotPreparedForTheWantedPreferencesOrResetOrUserspaceStopsTheRun() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
        debian.pins = new RootHelper.Pins("http://headscale.test:8080", List.of("--accept-dns=false"), false, false, "");
        TestContext ctx = new TestContext(debian);
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptDns(false).ssh(true).build();
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(ctx));
        assertEquals(FailureReason.HELPER_STALE, e.reason());
        assertEquals("the host's mesh helper was not prepared for --ssh=true (it allows: --accept-dns=false)", e.getMessage());

        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().reset(true).build();
        assertTrue(assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(ctx)).getMessage()
                .contains("prepared without reset"));
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.tailscaleDefaults();
        ctx.settings("userspace-networking = true");
        assertTrue(assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(ctx)).getMessage()
                .contains("userspace-networking = false"));
    }

    @Test
    void aHelperOfAnOlderMeshIsStale() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
        debian.host.onExact(HELPER + "'check'", "mesh-root " + PIN + "\n");
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(new TestContext(debian)));
        assertEquals(FailureReason.HELPER_STALE, e.reason());
    }

    @Test
    void aHelperPreparedWithoutALoginServerWarnsThatItTakesAny() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
        TestContext ctx = new TestContext(debian);
        new LinuxProvisioner().inspect(ctx);
        assertTrue(ctx.listener.has("warn", "prepared without a login server"), ctx.listener.lines.toString());
    }

    @Test
    void anUnpreparedHostWithoutPasswordlessSudoStillFailsWithThePrepareHint() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.host.onExact("sudo -n true", ScriptedHost.result(1, "", "sudo: a password is required\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(new TestContext(debian)));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertEquals("sudo: a password is required", e.getMessage());
        assertTrue(e.hint().contains("mesh remote prepare"));
    }
}
