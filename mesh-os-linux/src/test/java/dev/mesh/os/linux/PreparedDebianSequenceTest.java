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
    private static final String PIN = RootHelper.render(TestContext.linuxSettings(""),
            RootHelper.Layout.HOST).pin();

    @Test
    void everyRootCommandGoesThroughTheHelper() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared(PIN);
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
                HELPER + "'apt-wait-lock'",
                HELPER + "'install-tailscale-script'",
                "command -v tailscale",
                "tailscale version",
                "test -d /run/systemd/system",
                HELPER + "'enable-service' 'tailscaled'",
                "tailscale status --json",
                HELPER + "'tailscale-up' '--reset' '--login-server=http://headscale.test:8080'"
                        + " '--auth-key=file:/dev/stdin' '--accept-routes=true' '--timeout=60s'",
                "tailscale status --json",
                "command -v syncthing",
                HELPER + "'apt-update'",
                HELPER + "'install-syncthing' 'apt'",
                "test -d /run/systemd/system",
                HELPER + "'enable-service' 'syncthing@steve'"), debian.host.commands());
        assertEquals(ctx.authKey().reveal(), debian.keyReadByUp);
        SecretAssertions.assertOnlyOnStdin(debian.host, ctx.authKey());
        assertTrue(ctx.listener.has("ok", "Prepared host"), ctx.listener.lines.toString());
        assertFalse(ctx.listener.lines.stream().anyMatch(l -> l.startsWith("warn: The host's mesh helper")));
    }

    @Test
    void aHelperPreparedWithOtherSettingsIsReported() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").prepared("0123456789abcdef");
        TestContext ctx = new TestContext(debian);
        new LinuxProvisioner().inspect(ctx);
        assertTrue(ctx.listener.has("warn", "run `mesh remote prepare` again"), ctx.listener.lines.toString());
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
