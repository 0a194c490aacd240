package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.HostLocking;
import dev.mesh.api.TargetHost;
import dev.mesh.core.provision.HeldCommand;
import dev.mesh.core.provision.HostConnection;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Another mesh run's hold on a simulated host's lock: the lock command an earlier run sent, started
 * again on a connection of its own and held until {@link #close()}, as that run would hold it.
 */
final class OtherRun implements AutoCloseable {
    private final SshConnector ssh;
    private final HostConnection connection;
    private final HeldCommand held;

    OtherRun(SimulatedHost host, Path dir) {
        String lockCommand = host.commands().stream().filter(c -> c.contains("mesh-lock: held")
                || c.startsWith("powershell") && dev.mesh.api.Quoting.decodePowerShell(c.substring(c.lastIndexOf(' ') + 1))
                        .contains(HostLocking.HELD)).findFirst().orElseThrow();
        ssh = new SshConnector(new SshSettings(Duration.ofSeconds(5), dir.resolve("other_known_hosts"), Optional.empty(),
                List.of(host.clientKey()), false, Duration.ZERO));
        connection = ssh.connect(new TargetHost(host.user(), host.address(), host.port()));
        held = connection.hold(lockCommand);
        assertEquals(HostLocking.HELD, held.nextLine(Duration.ofSeconds(10)).orElseThrow());
    }

    @Override
    public void close() {
        held.close();
        connection.close();
        ssh.close();
    }
}
