package dev.mesh.core.provision;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.HostLocking;
import dev.mesh.api.HostPreparation;
import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.Secret;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.testkit.RecordingListener;
import dev.mesh.testkit.SimulatedHost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state machine's test bed: a simulated host over real SSH (answering {@code uname -s} as
 * "AlphaOS"), a detector for it and a minimal plugin whose behaviour each test sets.
 */
final class SequenceFixture implements AutoCloseable {
    static final StepTimeouts TIMEOUTS = new StepTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    final SimulatedHost host;
    final SshConnector ssh;
    final RecordingListener events = new RecordingListener();
    /** The detector's {@code sharedShell()}: none unless a test sets one. */
    dev.mesh.api.SharedShell detectorShell;

    SequenceFixture(Path dir) {
        host = SimulatedHost.start("steve", dir.resolve("host"));
        host.onExact("echo connected", "connected\n").onExact("uname -s", "AlphaOS\n");
        ssh = new SshConnector(new SshSettings(Duration.ofSeconds(5), dir.resolve("known_hosts"), Optional.empty(),
                List.of(host.clientKey()), false, Duration.ZERO));
    }

    ProvisioningSequence sequence(List<OsProvisioner> provisioners, AuthKeySource keys) {
        return sequence(provisioners, keys, null);
    }

    ProvisioningSequence sequence(List<OsProvisioner> provisioners, AuthKeySource keys, NodeRegistry registry) {
        PluginRegistry plugins = PluginRegistry.of(List.of(new AlphaDetector(detectorShell)), provisioners);
        return new ProvisioningSequence(ssh::connect, plugins, keys, id -> SETTINGS, TIMEOUTS,
                Duration.ofSeconds(5), Duration.ofSeconds(5), registry);
    }

    TargetHost target() {
        return new TargetHost("steve", "127.0.0.1", host.port());
    }

    ProvisioningRequest request(ProvisioningOptions options) {
        return new ProvisioningRequest(target(), URI.create("http://127.0.0.1:8080"),
                new KeyPolicy("mesh", true, false, Duration.ofHours(24), List.of()), options);
    }

    ProvisioningRequest request() {
        return request(new ProvisioningOptions(false));
    }

    @Override
    public void close() {
        ssh.close();
        host.close();
    }

    /** The plugin's settings object, as its validate would have returned it. */
    record Settings(String value) {
    }

    static final Settings SETTINGS = new Settings("from validate");

    /** A count the plugin keeps in the store. */
    record Visits(int count) {
    }

    static final class AlphaDetector implements OsDetector {
        private final dev.mesh.api.SharedShell shell;

        AlphaDetector(dev.mesh.api.SharedShell shell) {
            this.shell = shell;
        }

        @Override
        public Optional<dev.mesh.api.SharedShell> sharedShell() {
            return Optional.ofNullable(shell);
        }

        @Override
        public String id() {
            return "alpha";
        }

        @Override
        public int order() {
            return 1;
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Optional<DetectedOs> detect(DetectionProbe probe) {
            return probe.run("uname -s").out().equals("AlphaOS")
                    ? Optional.of(DetectedOs.builder("alphaos").version("1").architecture("x86_64").build()) : Optional.empty();
        }
    }

    /** The core join only: no capability. Each step runs its hook (if set) first. */
    static class JoinOnly implements OsProvisioner {
        Preflight status = Preflight.notInstalled("fresh");
        List<String> addresses = List.of("100.64.0.9");
        Throwable installFailure;
        Throwable connectFailure;
        RuntimeException preflightFailure;
        boolean echoKey;
        boolean manual;
        Consumer<ProvisioningContext> onInstall = ctx -> { };
        Consumer<ProvisioningContext> onConnect = ctx -> { };
        final List<Object> settingsSeen = new ArrayList<>();
        final List<Integer> storeCounts = new ArrayList<>();
        final List<String> steps = new ArrayList<>();

        @Override
        public String id() {
            return "alpha";
        }

        @Override
        public String family() {
            return "alphaos";
        }

        @Override
        public int spiVersion() {
            return SpiVersion.CURRENT;
        }

        @Override
        public Preflight inspect(ProvisioningContext ctx) {
            steps.add("inspect" + (ctx.options().dryRun() ? " (dry run)" : ""));
            if (preflightFailure != null) {
                throw preflightFailure;
            }
            settingsSeen.add(ctx.settings(Settings.class));
            storeCounts.add(ctx.store().computeIfAbsent(Visits.class, () -> new Visits(1)).count());
            return status;
        }

        @Override
        public void installTailscale(ProvisioningContext ctx) {
            steps.add("install");
            onInstall.accept(ctx);
            throwIfSet(installFailure);
        }

        @Override
        public ConnectResult connect(ProvisioningContext ctx) {
            steps.add("connect");
            onConnect.accept(ctx);
            throwIfSet(connectFailure);
            if (echoKey) {
                ctx.listener().info("using key " + ctx.authKey().reveal());
            }
            return manual ? ConnectResult.manualStepNeeded("run it") : ConnectResult.connected("ok");
        }

        @Override
        public TailscaleStatus verify(ProvisioningContext ctx) {
            steps.add("verify");
            return TailscaleStatus.of("Running", addresses);
        }

        private static void throwIfSet(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** With Syncthing and preparation. */
    static class TestProvisioner extends JoinOnly implements SyncthingSupport, HostPreparation {
        boolean syncthingChanges = true;
        Secret preparedWith;

        @Override
        public boolean installSyncthing(ProvisioningContext ctx) {
            steps.add("syncthing");
            return syncthingChanges;
        }

        @Override
        public boolean prepare(ProvisioningContext ctx, Secret sudoPassword) {
            preparedWith = sudoPassword;
            return true;
        }
    }

    /** With a host lock too: {@code mesh-lock WAIT}, answered by the host's {@link dev.mesh.testkit.SimulatedLock}. */
    static class LockingProvisioner extends TestProvisioner implements HostLocking {
        @Override
        public String lockCommand(ProvisioningContext ctx, Duration wait) {
            return "mesh-lock " + wait.toSeconds();
        }
    }
}
