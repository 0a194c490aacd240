package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Preflight;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole sequence against a fresh Debian 12 host, in the order mesh-core calls the steps. */
class FreshDebianSequenceTest {

    @Test
    void freshHostSeesExactlyTheseCommands() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        TestContext ctx = new TestContext(debian);
        LinuxProvisioner linux = new LinuxProvisioner();

        Preflight before = linux.inspect(ctx);
        assertEquals(Preflight.notInstalled("Tailscale not installed"), before);
        linux.installTailscale(ctx);
        assertFalse(linux.connect(ctx).manualStepNeeded());
        TailscaleStatus status = linux.verify(ctx);
        boolean syncthingChanged = linux.installSyncthing(ctx);

        assertEquals(List.of(SimulatedDebianHost.TAILSCALE_IP, SimulatedDebianHost.TAILSCALE_IP6), status.addresses());
        assertTrue(syncthingChanged);
        assertEquals(ctx.authKey().reveal(), debian.keyReadByUp);

        assertEquals(List.of(
                "id -u",
                "sudo -n true",
                "command -v tailscale",
                "sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                "curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh",
                "command -v tailscale",
                "tailscale version",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now tailscaled",
                "tailscale status --json",
                "sudo -n tailscale up --reset --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
                        + " --accept-routes=true --timeout=60s",
                "tailscale status --json",
                "command -v syncthing",
                "sudo -n timeout -k 2 0 apt-get -o 'DPkg::Lock::Timeout=120' update",
                "sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now 'syncthing@steve'"), debian.host.commands());
        assertTrue(debian.host.uploads().isEmpty(), "nothing uploaded");
        assertEquals(List.of(), debian.host.filesUnder("/"), "nothing left on the host");
        assertEquals(List.of(), debian.host.unanswered());
        SecretAssertions.assertOnlyOnStdin(debian.host, ctx.authKey());
        SecretAssertions.assertNotIn(ctx.messages, ctx.authKey());
    }

    @Test
    void secondRunOnTheJoinedHostChangesNothing() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tailscaleInstalled = true;
        debian.running = true;
        debian.syncthingInstalled = true;
        debian.controlUrl = "http://headscale.test:8080";
        debian.host.onExact("systemctl is-enabled --quiet 'syncthing@steve' && systemctl is-active --quiet 'syncthing@steve'", "");
        TestContext ctx = new TestContext(debian);
        ctx.authKey = null; // mesh-core mints no key for a joined host
        LinuxProvisioner linux = new LinuxProvisioner();

        Preflight status = linux.inspect(ctx);
        assertTrue(status.joined(), status.summary());
        assertEquals("Tailscale 1.80.2 installed, Running on http://headscale.test:8080 (joined)", status.summary());
        assertEquals(SimulatedDebianHost.TAILSCALE_IP, linux.verify(ctx).preferredAddress());
        assertFalse(linux.installSyncthing(ctx));
        assertTrue(debian.host.uploads().isEmpty());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("tailscale up") || c.contains("install")),
                String.valueOf(debian.host.commands()));
    }
}
