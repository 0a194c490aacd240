package dev.mesh.core.provision;

import static dev.mesh.core.provision.ProvisioningState.CONNECTING;
import static dev.mesh.core.provision.ProvisioningState.EXIT_ERROR;
import static dev.mesh.core.provision.ProvisioningState.INSTALLING;
import static dev.mesh.core.provision.ProvisioningState.KEY_GENERATING;
import static dev.mesh.core.provision.ProvisioningState.MANUAL_NEEDED;
import static dev.mesh.core.provision.ProvisioningState.OS_DETECTING;
import static dev.mesh.core.provision.ProvisioningState.PREFLIGHT;
import static dev.mesh.core.provision.ProvisioningState.SSH_TESTING;
import static dev.mesh.core.provision.ProvisioningState.SUCCESS;
import static dev.mesh.core.provision.ProvisioningState.SYNCTHING;
import static dev.mesh.core.provision.ProvisioningState.VERIFYING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatus;
import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.ProvisioningOutcome;
import dev.mesh.api.Secret;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TailscaleStatus;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshSettings;
import dev.mesh.core.testing.RecordingListener;
import dev.mesh.core.testing.SimulatedHost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine over a real SSH connection, with a minimal plugin whose behaviour each test sets. */
class ProvisioningSequenceTest {
    static final Secret KEY = Secret.of("hskey-auth-sequence-test-key");

    @TempDir
    Path dir;
    SimulatedHost host;
    SshConnector ssh;
    TestProvisioner plugin = new TestProvisioner();
    RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() {
        host = SimulatedHost.start("steve", dir.resolve("host"));
        host.onExact("echo connected", "connected\n").onExact("uname -s", "AlphaOS\n");
        ssh = new SshConnector(new SshSettings(Duration.ofSeconds(5), dir.resolve("known_hosts"), Optional.empty(),
                List.of(host.clientKey()), false, Duration.ZERO));
    }

    @AfterEach
    void stop() {
        ssh.close();
        host.close();
    }

    private ProvisioningReport run(List<OsProvisioner> provisioners) {
        PluginRegistry registry = new PluginRegistry(List.of(new AlphaDetector()), provisioners, List.of(), List.of(),
                getClass().getClassLoader());
        ProvisioningSequence sequence = new ProvisioningSequence(ssh::connect, registry, policy -> KEY,
                id -> null, new StepTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Duration.ofSeconds(5), Duration.ofSeconds(5));
        ProvisioningRequest request = new ProvisioningRequest(new TargetHost("steve", "127.0.0.1", host.port()),
                URI.create("http://127.0.0.1:8080"), new KeyPolicy("mesh", true, false, Duration.ofHours(24), List.of()),
                new ProvisioningOptions(false));
        return sequence.provision(request, events);
    }

    @Test
    void aFreshHostGoesThroughEveryStateInOrder() {
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, PREFLIGHT, KEY_GENERATING, INSTALLING, CONNECTING, VERIFYING,
                SYNCTHING, SUCCESS), report.path());
        assertEquals(new ProvisioningOutcome.Success("100.64.0.9", false, true), report.outcome());
        assertEquals(1, host.connectionCount());
    }

    @Test
    void aJoinedHostSkipsKeyInstallAndConnect() {
        plugin.status = new HostStatus(true, true, "joined");
        plugin.syncthingChanges = false;
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, PREFLIGHT, VERIFYING, SYNCTHING, SUCCESS), report.path());
        assertEquals(new ProvisioningOutcome.Success("100.64.0.9", true, false), report.outcome());
    }

    @Test
    void noPluginForTheDetectedFamilyListsWhatIsInstalled() {
        OsProvisioner other = new TestProvisioner() {
            @Override
            public String family() {
                return "betaos";
            }
        };
        ProvisioningReport report = run(List.of(other));
        ProvisioningOutcome.Failed failed = assertInstanceOf(ProvisioningOutcome.Failed.class, report.outcome());
        assertEquals(FailureReason.NO_PLUGIN, failed.reason());
        assertTrue(failed.cause().contains("'alphaos'") && failed.cause().contains("installed: betaos"), failed.cause());
        assertEquals(EXIT_ERROR, report.path().get(report.path().size() - 1));
    }

    @Test
    void anUnexpectedPluginExceptionBecomesTheStatesErrorRowWithoutTheKey() {
        plugin.installFailure = new IllegalStateException("boom while using " + KEY.reveal());
        ProvisioningReport report = run(List.of(plugin));
        ProvisioningOutcome.Failed failed = assertInstanceOf(ProvisioningOutcome.Failed.class, report.outcome());
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, failed.reason());
        assertEquals("INSTALLING", failed.step());
        assertTrue(failed.cause().contains("plugin 'alpha' failed unexpectedly"), failed.cause());
        assertFalse(KEY.isIn(failed.cause()), failed.cause());
    }

    @Test
    void aKeyEchoedByAPluginIsScrubbedFromProgress() {
        plugin.echoKey = true;
        run(List.of(plugin));
        assertTrue(events.has("info", "using key ****"), events.lines.toString());
        assertTrue(events.lines.stream().noneMatch(KEY::isIn), events.lines.toString());
    }

    @Test
    void aManualStepEndsInManualNeeded() {
        plugin.manual = true;
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(MANUAL_NEEDED, report.path().get(report.path().size() - 1));
        assertInstanceOf(ProvisioningOutcome.ManualNeeded.class, report.outcome());
    }

    static final class AlphaDetector implements OsDetector {
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
                    ? Optional.of(new DetectedOs("alphaos", "", "1", "x86_64", "", false)) : Optional.empty();
        }
    }

    static class TestProvisioner implements OsProvisioner {
        HostStatus status = new HostStatus(false, false, "fresh");
        RuntimeException installFailure;
        boolean echoKey;
        boolean manual;
        boolean syncthingChanges = true;

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
        public HostStatus inspect(ProvisioningContext ctx) {
            return status;
        }

        @Override
        public void installTailscale(ProvisioningContext ctx) {
            if (installFailure != null) {
                throw installFailure;
            }
        }

        @Override
        public ConnectResult connect(ProvisioningContext ctx) {
            if (echoKey) {
                ctx.listener().info("using key " + ctx.authKey().reveal());
            }
            return manual ? new ConnectResult.ManualStepNeeded("run it") : new ConnectResult.Connected("ok");
        }

        @Override
        public TailscaleStatus verify(ProvisioningContext ctx) {
            return new TailscaleStatus("Running", List.of("100.64.0.9"), "alpha", true);
        }

        @Override
        public boolean installSyncthing(ProvisioningContext ctx) {
            return syncthingChanges;
        }
    }
}
