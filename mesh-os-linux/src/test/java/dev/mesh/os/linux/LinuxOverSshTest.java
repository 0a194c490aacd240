package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.OsDetector;
import dev.mesh.api.TargetHost;
import dev.mesh.core.provision.OsDetection;
import dev.mesh.core.ssh.SshConnection;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux detector over a real SSH connection (mesh-core's embedded-server test host), in the
 * order mesh-core asks the detectors: the answers to its commands travel through MINA's exec
 * channels, so output framing and exit codes are the real thing.
 */
class LinuxOverSshTest {
    @TempDir
    Path dir;

    @Test
    void detectsAnUbuntuWslHostOverSsh() {
        try (SimulatedHost host = SimulatedHost.start("steve", dir.resolve("host"))) {
            host.onExact("uname -s", "Linux\n")
                    .on(c -> c.startsWith("uname -m;"), (c, h) -> SimulatedHost.ok("""
                            aarch64
                            @@mesh:os-release
                            NAME="Ubuntu"
                            VERSION_ID="24.04"
                            ID=ubuntu
                            ID_LIKE=debian
                            @@mesh:proc-version
                            Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f) (gcc (GCC) 11.2.0)
                            @@mesh:package-managers
                            /usr/bin/apt-get
                            """));
            SshSettings settings = new SshSettings(Duration.ofSeconds(5), dir.resolve("known_hosts"), Optional.empty(),
                    List.of(host.clientKey()), false, Duration.ZERO);
            List<OsDetector> detectors = List.of(new LinuxDetector());
            try (SshConnector connector = new SshConnector(settings);
                 SshConnection connection = connector.connect(new TargetHost("steve", "127.0.0.1", host.port()))) {
                DetectedOs os = new OsDetection(detectors, Duration.ofSeconds(5)).detect(connection);
                assertEquals(DetectedOs.builder("linux").distribution("ubuntu").version("24.04").architecture("aarch64").packageManager("apt").wsl(true).build(), os);
            }
            assertEquals(1, host.connectionCount());
            assertTrue(host.commands().get(0).equals("uname -s"), host.commands().toString());
        }
    }

    private static SimulatedHost debian(Path dir) {
        SimulatedHost host = SimulatedHost.start("steve", dir);
        host.onExact("uname -s", "Linux\n")
                .on(c -> c.startsWith("uname -m;"), (c, h) -> SimulatedHost.ok("""
                        x86_64
                        @@mesh:os-release
                        ID=debian
                        VERSION_ID="12"
                        @@mesh:package-managers
                        /usr/bin/apt-get
                        """));
        return host;
    }

    private DetectedOs detectSharingTheShell(SimulatedHost host) {
        SshSettings settings = new SshSettings(Duration.ofSeconds(5), dir.resolve("known_hosts"), Optional.empty(),
                List.of(host.clientKey()), false, Duration.ZERO);
        OsDetection detection = new OsDetection(List.of(new LinuxDetector()), Duration.ofSeconds(5));
        try (SshConnector connector = new SshConnector(settings);
             SshConnection connection = connector.connect(new TargetHost("steve", "127.0.0.1", host.port()))) {
            detection.shareShell(connection);
            return detection.detect(connection);
        }
    }

    @Test
    void detectionRunsInTheDetectorsSharedShell() {
        try (SimulatedHost host = debian(dir.resolve("host"))) {
            DetectedOs os = detectSharingTheShell(host);
            assertEquals("debian", os.distribution());
            // one SSH session for the shell; both detection commands were probes in it
            assertEquals(List.of("exec /bin/sh"), host.channelCommands());
            assertEquals("uname -s", host.commands().get(0), "answered in the shell");
        }
    }

    @Test
    void aHostWithoutAPosixShellIsDetectedOverChannelsOfTheirOwn() {
        try (SimulatedHost host = debian(dir.resolve("host"))) {
            // as Windows' cmd.exe answers `exec /bin/sh`: a message and exit 1, before any frame is answered
            host.onStream("exec /bin/sh"::equals, (c, in, out, err) -> {
                err.write("'exec' is not recognized as an internal or external command,\r\n".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
                return 1;
            });
            DetectedOs os = detectSharingTheShell(host);
            assertEquals("debian", os.distribution());
            List<String> channels = host.channelCommands();
            assertEquals(3, channels.size(), channels.toString());
            assertEquals(List.of("exec /bin/sh", "uname -s"), channels.subList(0, 2), "the shell is not asked for again");
            assertTrue(channels.get(2).startsWith("uname -m;"), channels.toString());
        }
    }
}
