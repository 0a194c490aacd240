package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host where systemd is PID 1: mesh enables and starts tailscaled and {@code syncthing@USER} as services. */
@RequiresDocker(images = "mesh-test/systemd:bookworm")
class SystemdHostTest {
    @TempDir
    Path dir;

    @Test
    void servicesAreEnabledAndRunning() {
        try (LinuxHost host = LinuxHost.startSystemd(HostImage.systemd("bookworm"))) {
            MeshCli.Run run = new MeshCli(dir).trust(host).provision(host);

            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.out().contains("tailscaled enabled and started (systemd"), run.out());
            assertTrue(run.out().contains("syncthing@steve enabled and started"), run.out());
            assertEquals("enabled\n", host.exec("systemctl is-enabled syncthing@steve").getStdout());
            assertEquals("active\n", host.exec("systemctl is-active syncthing@steve").getStdout());
            assertEquals("enabled\n", host.exec("systemctl is-enabled tailscaled").getStdout());
            assertEquals("active\n", host.exec("systemctl is-active tailscaled").getStdout());
            assertEquals("steve\n", host.exec("ps -o user= -C syncthing | sort -u").getStdout(), "syncthing runs as the login user");
            FreshHostTest.assertKeyNeverExposed(host, run);
            assertEquals(1, host.acceptedLogins(), "SSH connections for one provision");
            Measured.report("systemd host: provision %s ms, %s SSH login(s)", run.elapsed().toMillis(), host.acceptedLogins());
        }
    }
}
