package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.HostLocking;
import dev.mesh.api.TargetHost;
import dev.mesh.core.provision.HeldCommand;
import dev.mesh.core.provision.HostConnection;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.testkit.SimulatedHost;
import dev.mesh.testkit.SimulatedLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

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

    /**
     * While another run holds {@code host}'s lock, a run (exit 1) stops with "another mesh run is in
     * progress on TARGET" and mints no key; once that run let go, the next run goes through.
     */
    static void assertARunStopsWhileHeld(SimulatedHost host, SimulatedLock lock, Path dir, CliHarness cli,
                                         IntSupplier provision, String target) throws Exception {
        long keys = keyRequests(cli);
        try (OtherRun other = new OtherRun(host, dir)) {
            assertTrue(lock.held());
            cli.env.put("MESH_TIMEOUT_HOST_LOCK", "1s");
            assertEquals(ExitCodes.FAILURE, provision.getAsInt(), cli.output());
            assertTrue(cli.err.contains("another mesh run is in progress on " + target + ":" + host.port()), cli.err);
            assertEquals(keys, keyRequests(cli), "no key minted");
        }
        assertEquals(ExitCodes.OK, provision.getAsInt(), cli.output());
    }

    private static long keyRequests(CliHarness cli) throws java.io.IOException {
        return cli.headscaleCalls().stream().filter(c -> c.startsWith("preauthkeys create")).count();
    }

    @Override
    public void close() {
        held.close();
        connection.close();
        ssh.close();
    }
}
