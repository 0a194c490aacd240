package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostStatus;
import dev.mesh.api.TailscaleStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole sequence against a fresh Debian 12 host, in the order mesh-core calls the steps. */
class FreshDebianSequenceTest {

    @Test
    void freshHostSeesExactlyTheseCommands() {
        Debian12Host debian = new Debian12Host("steve");
        TestContext ctx = new TestContext(debian.host);
        LinuxProvisioner linux = new LinuxProvisioner();

        HostStatus before = linux.inspect(ctx);
        assertEquals(new HostStatus(false, false, "Tailscale not installed"), before);
        linux.installTailscale(ctx);
        ConnectResult connected = linux.connect(ctx);
        TailscaleStatus status = linux.verify(ctx);
        boolean syncthingChanged = linux.installSyncthing(ctx);

        assertInstanceOf(ConnectResult.Connected.class, connected);
        assertEquals("100.64.0.7", status.ipv4());
        assertTrue(syncthingChanged);
        assertEquals(TestContext.KEY, debian.keyReadByUp);

        String keyFile = debian.host.uploads().get(0).path();
        assertEquals(List.of(
                "id -u",
                "sudo -n true",
                "command -v tailscale",
                "sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120'",
                "curl -fsSL 'https://tailscale.com/install.sh' | sudo -n sh",
                "command -v tailscale",
                "tailscale version",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now tailscaled",
                "tailscale status --json",
                "sudo -n tailscale up --reset --login-server='http://headscale.test:8080' --auth-key='file:" + keyFile
                        + "' --accept-routes --timeout='60s'",
                "rm -f '" + keyFile + "'",
                "tailscale status --json",
                "tailscale ip -4",
                "command -v syncthing",
                "sudo -n apt-get -o 'DPkg::Lock::Timeout=120' update",
                "sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
                "test -d /run/systemd/system",
                "sudo -n systemctl enable --now 'syncthing@steve'"), debian.host.commands());
        assertEquals(1, debian.host.uploads().size());
        assertEquals(0600, debian.host.uploads().get(0).mode());
        assertTrue(debian.host.files().isEmpty(), "nothing left on the host");
        for (String command : debian.host.commands()) {
            assertFalse(ctx.authKey().isIn(command), command);
        }
        for (String line : ctx.listener.lines) {
            assertFalse(ctx.authKey().isIn(line), line);
        }
    }

    @Test
    void secondRunOnTheJoinedHostChangesNothing() {
        Debian12Host debian = new Debian12Host("steve");
        debian.tailscaleInstalled = true;
        debian.running = true;
        debian.syncthingInstalled = true;
        debian.host.onExact("sudo -n tailscale debug prefs", TailscaleJson.prefs("http://headscale.test:8080"))
                .onExact("systemctl is-enabled --quiet 'syncthing@steve' && systemctl is-active --quiet 'syncthing@steve'", "");
        TestContext ctx = new TestContext(debian.host);
        ctx.authKey = null; // mesh-core mints no key for a joined host
        LinuxProvisioner linux = new LinuxProvisioner();

        HostStatus status = linux.inspect(ctx);
        assertTrue(status.joined(), status.summary());
        assertEquals("Tailscale 1.80.2 installed, Running on http://headscale.test:8080 (joined)", status.summary());
        assertEquals("100.64.0.7", linux.verify(ctx).ipv4());
        assertFalse(linux.installSyncthing(ctx));
        assertTrue(debian.host.uploads().isEmpty());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("tailscale up") || c.contains("install")),
                String.valueOf(debian.host.commands()));
    }
}
