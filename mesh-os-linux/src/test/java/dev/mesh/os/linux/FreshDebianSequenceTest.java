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
                "sudo -n sh -c 'command -v tailscale'",
                "test -c /dev/net/tun",
                "sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                "curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh",
                "command -v tailscale",
                "sudo -n sh -c 'command -v tailscale'",
                "/usr/bin/tailscale version",
                "test -c /dev/net/tun",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now tailscaled",
                serviceCheck("tailscaled"),
                "/usr/bin/tailscale status --json",
                "sudo -n /usr/bin/tailscale debug prefs",
                "sudo -n /usr/bin/tailscale up --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
                        + " --timeout=60s",
                "/usr/bin/tailscale status --json",
                ExistingSyncthing.command("steve"),
                "command -v syncthing",
                "sudo -n timeout -k 2 0 apt-get -o 'DPkg::Lock::Timeout=120' update",
                "sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now 'syncthing@steve'",
                serviceCheck("syncthing@steve")), debian.host.commands());
        assertTrue(debian.host.uploads().isEmpty(), "nothing uploaded");
        assertEquals(List.of(), debian.host.filesUnder("/"), "nothing left on the host");
        assertEquals(List.of(), debian.host.unanswered());
        SecretAssertions.assertOnlyOnStdin(debian.host, ctx.authKey());
        SecretAssertions.assertNotIn(ctx.messages, ctx.authKey());
    }

    @Test
    void secondRunOnTheJoinedHostChangesNothing() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve").joinedTo("http://headscale.test:8080");
        debian.syncthingInstalled = true;
        debian.syncthingUnit = true;
        TestContext ctx = new TestContext(debian);
        ctx.authKey = null; // mesh-core mints no key for a joined host
        LinuxProvisioner linux = new LinuxProvisioner();

        Preflight status = linux.inspect(ctx);
        assertTrue(status.joined(), status.summary());
        assertEquals("Tailscale 1.80.2 installed, Running on http://headscale.test:8080 (joined)", status.summary());
        assertEquals(SimulatedDebianHost.TAILSCALE_IP, linux.verify(ctx).preferredAddress());
        assertFalse(linux.installSyncthing(ctx));
        assertTrue(debian.host.uploads().isEmpty());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("tailscale up") || c.contains("tailscale set")
                || c.contains("apt-get") || c.contains("install.sh") || c.contains("systemctl enable")),
                String.valueOf(debian.host.commands()));
        assertFalse(status.changed());
    }

    /** What {@link ServiceCheck} runs for {@code unit} with the default 3 s. */
    static String serviceCheck(String unit) {
        return "n=$(systemctl show -p NRestarts --value '" + unit + "'); sleep 3; s=$(systemctl is-active '" + unit
                + "'); m=$(systemctl show -p NRestarts --value '" + unit + "'); echo \"$s $n $m\"";
    }
}
