package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole sequence on a host prepared with {@code mesh remote prepare}: root only through the helper. */
class PreparedDebianSequenceTest {
    private static final String HELPER = "sudo -n /usr/local/libexec/mesh/mesh-root ";
    private static final String PIN = RootHelper.render(LinuxSettings.from(LinuxConfigs.defaults()),
            RootHelper.Layout.HOST).pin();

    @Test
    void everyRootCommandGoesThroughTheHelper() {
        Debian12Host debian = new Debian12Host("steve").prepared(PIN);
        TestContext ctx = new TestContext(debian.host);
        LinuxProvisioner linux = new LinuxProvisioner();

        assertFalse(linux.inspect(ctx).tailscaleInstalled());
        linux.installTailscale(ctx);
        assertInstanceOf(ConnectResult.Connected.class, linux.connect(ctx));
        assertEquals("100.64.0.7", linux.verify(ctx).ipv4());
        assertTrue(linux.installSyncthing(ctx));

        String keyFile = debian.host.uploads().get(0).path();
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
                HELPER + "'tailscale-up' '--login-server=http://headscale.test:8080' '--auth-key=file:" + keyFile
                        + "' '--timeout=60s'",
                "rm -f '" + keyFile + "'",
                "tailscale status --json",
                "tailscale ip -4",
                "command -v syncthing",
                HELPER + "'apt-update'",
                HELPER + "'install-syncthing' 'apt'",
                "test -d /run/systemd/system",
                HELPER + "'enable-service' 'syncthing@steve'"), debian.host.commands());
        assertEquals(TestContext.KEY, debian.keyReadByUp);
        assertTrue(ctx.listener.has("ok", "Prepared host"), ctx.listener.lines.toString());
        assertFalse(ctx.listener.lines.stream().anyMatch(l -> l.startsWith("warn: The host's mesh helper")));
    }

    @Test
    void aHelperPreparedWithOtherSettingsIsReported() {
        Debian12Host debian = new Debian12Host("steve").prepared("0123456789abcdef");
        TestContext ctx = new TestContext(debian.host);
        new LinuxProvisioner().inspect(ctx);
        assertTrue(ctx.listener.has("warn", "run `mesh remote prepare` again"), ctx.listener.lines.toString());
    }

    @Test
    void anUnpreparedHostWithoutPasswordlessSudoStillFailsWithThePrepareHint() {
        Debian12Host debian = new Debian12Host("steve");
        debian.host.onExact("sudo -n true", ScriptedLinuxHost.exit(1, "", "sudo: a password is required\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> new LinuxProvisioner().inspect(new TestContext(debian.host)));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertEquals("sudo: a password is required", e.getMessage());
        assertTrue(e.hint().contains("mesh remote prepare"));
    }
}
