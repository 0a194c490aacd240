package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.ssh.SshConnection;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Benchmark (run by {@code bench/run.sh}, not by the test suite): provisioning a fresh simulated
 * Debian host through the real CLI, which keeps one SSH connection per host, against replaying the
 * same commands the way the seed did, one new SSH connection per command. Loopback only, so the
 * difference is handshake cost alone; on a real network every extra connection also pays round trips.
 */
public final class ProvisionBenchmark {
    private ProvisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Files.createTempDirectory("mesh-bench");
        List<Long> mesh = new ArrayList<>();
        List<Long> seed = new ArrayList<>();
        int meshConnections = 0;
        int seedConnections = 0;
        List<String> commands = List.of();
        for (int i = 0; i < rounds + 1; i++) {
            Path round = Files.createDirectories(dir.resolve("r" + i));
            try (SimulatedDebianHost<SimulatedHost> host = SimulatedDebianHost.overSsh(round.resolve("host"))) {
                CliHarness cli = new CliHarness(round);
                cli.registerOnJoin(host);
                long t0 = System.nanoTime();
                int code = cli.run("remote", "provision", "steve@127.0.0.1", "-p", String.valueOf(host.host.port()),
                        "-s", "http://127.0.0.1:8080", "-i", host.host.clientKey().toString());
                long t1 = System.nanoTime();
                if (code != 0) {
                    throw new IllegalStateException("provision failed:\n" + cli.output());
                }
                commands = host.host.commands();
                meshConnections = host.host.connectionCount();
                if (i > 0) { // round 0 warms the JVM up
                    mesh.add(t1 - t0);
                }
            }
            try (SimulatedDebianHost<SimulatedHost> host = SimulatedDebianHost.overSsh(round.resolve("seed-host"))) {
                SshSettings settings = new SshSettings(Duration.ofSeconds(10), round.resolve("seed_known_hosts"),
                        Optional.empty(), List.of(host.host.clientKey()), false, Duration.ZERO);
                long t0 = System.nanoTime();
                try (SshConnector connector = new SshConnector(settings)) {
                    TargetHost target = new TargetHost("steve", "127.0.0.1", host.host.port());
                    for (String command : commands) {
                        try (SshConnection c = connector.connect(target)) {
                            c.run(command, Duration.ofSeconds(30));
                        }
                    }
                }
                long t1 = System.nanoTime();
                seedConnections = host.host.connectionCount();
                if (i > 0) {
                    seed.add(t1 - t0);
                }
            }
        }
        double meshMs = median(mesh) / 1e6;
        double seedMs = median(seed) / 1e6;
        System.out.printf("remote commands per provision:        %d%n", commands.size());
        System.out.printf("SSH connections per provision:        mesh %d, seed-style %d%n", meshConnections, seedConnections);
        System.out.printf("median wall time of %d provisions:    mesh %.0f ms (whole CLI run incl. headscale CLI), "
                + "seed-style replay %.0f ms (SSH only)%n", rounds, meshMs, seedMs);
        System.out.printf("ratio seed-style / mesh:              %.2f%n", seedMs / meshMs);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
