package dev.mesh.core.provision;

import static dev.mesh.core.provision.ProvisioningState.CONNECTING;
import static dev.mesh.core.provision.ProvisioningState.EXIT_ERROR;
import static dev.mesh.core.provision.ProvisioningState.HOST_LOCKING;
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

import dev.mesh.api.FailureReason;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.provision.SequenceFixture.JoinOnly;
import dev.mesh.core.provision.SequenceFixture.TestProvisioner;
import dev.mesh.testkit.RecordingListener;
import dev.mesh.testkit.SimulatedHost;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine over a real SSH connection, with a minimal plugin whose behaviour each test sets. */
class ProvisioningSequenceTest extends SequenceTestBase {
    static final Secret KEY = RecordingKeys.KEY;

    SimulatedHost host;
    TestProvisioner plugin = new TestProvisioner();
    RecordingListener events;

    @BeforeEach
    void aliases() {
        host = f.host;
        events = f.events;
    }

    private ProvisioningSequence sequence(List<OsProvisioner> provisioners, dev.mesh.core.authkey.AuthKeySource keys) {
        return f.sequence(provisioners, keys);
    }

    private ProvisioningReport run(List<OsProvisioner> provisioners) {
        return run(provisioners, new RecordingKeys());
    }

    private ProvisioningReport run(List<OsProvisioner> provisioners, dev.mesh.core.authkey.AuthKeySource keys) {
        return sequence(provisioners, keys).provision(f.request(), events);
    }

    private static ProvisioningOutcome.Failed failed(ProvisioningReport report) {
        return assertInstanceOf(ProvisioningOutcome.Failed.class, report.outcome());
    }

    @Test
    void aFreshHostGoesThroughEveryStateInOrder() {
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, HOST_LOCKING, PREFLIGHT, KEY_GENERATING, INSTALLING, CONNECTING, VERIFYING,
                SYNCTHING, SUCCESS), report.path());
        assertEquals(new ProvisioningOutcome.Success("100.64.0.9", false, true), report.outcome());
        assertEquals(1, host.connectionCount());
    }

    @Test
    void theSshTestAndDetectionRunInTheDetectorsSharedShell() {
        f.detectorShell = dev.mesh.api.SharedShell.posix();
        ProvisioningReport report = f.sequence(List.of(plugin), new RecordingKeys()).detect(f.target(), events);
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, SUCCESS), report.path());
        assertEquals(List.of("exec /bin/sh"), host.channelCommands(), "one session, for the shell");
        assertEquals(List.of("echo connected", "uname -s"), host.commands(), "answered in the shell");
    }

    @Test
    void aPluginWithoutSharedShellGetsItsProbesOnChannelsOfTheirOwn() {
        f.detectorShell = dev.mesh.api.SharedShell.posix();
        host.onExact("hostname", "alpha1\n");
        plugin.onInstall = ctx -> assertEquals("alpha1", ctx.connection().probe("hostname", java.time.Duration.ofSeconds(5)).out());
        ProvisioningReport report = run(List.of(plugin));
        assertInstanceOf(ProvisioningOutcome.Success.class, report.outcome());
        assertEquals(List.of("exec /bin/sh", "hostname"), host.channelCommands(),
                "the detectors' shell served the SSH test and detection, then the plugin's probe took a channel");
    }

    @Test
    void withoutADetectorsSharedShellTheSshTestAndDetectionTakeASessionEach() {
        ProvisioningReport report = f.sequence(List.of(plugin), new RecordingKeys()).detect(f.target(), events);
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, SUCCESS), report.path());
        assertEquals(List.of("echo connected", "uname -s"), host.channelCommands());
        assertEquals(host.channelCommands(), host.commands());
    }

    @Test
    void aJoinedHostSkipsKeyInstallAndConnect() {
        plugin.status = Preflight.joined("joined");
        plugin.syncthingChanges = false;
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(List.of(SSH_TESTING, OS_DETECTING, HOST_LOCKING, PREFLIGHT, VERIFYING, SYNCTHING, SUCCESS), report.path());
        assertEquals(new ProvisioningOutcome.Success("100.64.0.9", true, false), report.outcome());
    }

    @Test
    void anIpv6OnlyNodeIsVerified() {
        plugin.addresses = List.of("fd7a:115c:a1e0::9");
        ProvisioningReport report = run(List.of(plugin));
        assertEquals(new ProvisioningOutcome.Success("fd7a:115c:a1e0::9", false, true), report.outcome());
        assertTrue(events.has("ok", "Tailscale address: fd7a:115c:a1e0::9"), events.lines.toString());
    }

    @Test
    void aRunningNodeWithoutAnyAddressFailsVerification() {
        plugin.addresses = List.of();
        ProvisioningOutcome.Failed failed = failed(run(List.of(plugin)));
        assertEquals(FailureReason.VERIFY_FAILED, failed.reason());
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
        ProvisioningOutcome.Failed failed = failed(report);
        assertEquals(FailureReason.NO_PLUGIN, failed.reason());
        assertTrue(failed.cause().contains("'alphaos'") && failed.cause().contains("installed: betaos"), failed.cause());
        assertEquals(EXIT_ERROR, report.path().get(report.path().size() - 1));
    }

    @Test
    void anUnexpectedPluginExceptionBecomesTheStatesErrorRowWithoutTheKey() {
        plugin.installFailure = new IllegalStateException("boom while using " + KEY.reveal());
        ProvisioningOutcome.Failed failed = failed(run(List.of(plugin)));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, failed.reason());
        assertEquals("INSTALLING", failed.step());
        assertTrue(failed.cause().contains("plugin 'alpha' (" + jar() + ") failed unexpectedly in INSTALLING"), failed.cause());
        assertFalse(KEY.isIn(failed.cause()), failed.cause());
    }

    @Test
    void anyThrowableFromAPluginIsThatStatesFailureNamingThePluginAndItsJar() {
        plugin.installFailure = new NoSuchMethodError("'void dev.mesh.api.Gone.method()'");
        ProvisioningOutcome.Failed failed = failed(run(List.of(plugin)));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, failed.reason());
        assertTrue(failed.cause().contains("plugin 'alpha' (" + jar() + ")"), failed.cause());
        assertTrue(failed.cause().contains("java.lang.NoSuchMethodError"), failed.cause());

        plugin.installFailure = null;
        plugin.connectFailure = new StackOverflowError();
        failed = failed(run(List.of(plugin)));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, failed.reason());
        assertEquals("CONNECTING", failed.step());
        assertTrue(failed.cause().contains("java.lang.StackOverflowError"), failed.cause());
    }

    @Test
    void onePluginFailureEndsOnlyItsOwnRun() {
        ProvisioningSequence sequence = sequence(List.of(plugin), new RecordingKeys());
        ProvisioningRequest request = f.request();
        plugin.installFailure = new OutOfMemoryError("plugin ran out");
        assertInstanceOf(ProvisioningOutcome.Failed.class, sequence.provision(request, events).outcome());
        plugin.installFailure = null;
        assertInstanceOf(ProvisioningOutcome.Success.class, sequence.provision(request, events).outcome());
    }

    @Test
    void everyStatesDefaultFailureDescribesThatState() {
        plugin.preflightFailure = new IllegalStateException("unexpected");
        ProvisioningOutcome.Failed failed = failed(run(List.of(plugin)));
        assertEquals(FailureReason.PREFLIGHT_FAILED, failed.reason(), "not 'sudo requires password'");
        assertEquals(FailureReason.PREFLIGHT_FAILED.hint(), failed.hint());
        assertEquals(FailureReason.REGISTRY_CHECK_FAILED, ProvisioningState.REGISTRY_CHECK.defaultFailure());
        assertEquals(FailureReason.NODE_CONFIRM_FAILED, ProvisioningState.NODE_CONFIRMING.defaultFailure());
    }

    @Test
    void anUnreachableHeadscaleIsItsOwnRow() {
        ProvisioningOutcome.Failed failed = failed(run(List.of(plugin), policy -> {
            throw new AuthKeyException(AuthKeyException.Kind.UNREACHABLE, "cannot reach http://127.0.0.1:9");
        }));
        assertEquals(FailureReason.HEADSCALE_UNREACHABLE, failed.reason());
        assertEquals("KEY_GENERATING", failed.step());
    }

    @Test
    void aPluginWithoutSyncthingSupportIsSkippedPlainly() {
        ProvisioningReport report = run(List.of(new JoinOnly()));
        assertEquals(new ProvisioningOutcome.Success("100.64.0.9", false, true), report.outcome());
        assertTrue(events.has("warn", "plugin 'alpha' (" + jar() + ") cannot install Syncthing; skipped"), events.lines.toString());
    }

    @Test
    void preparingAPluginWithoutPreparationSaysSo() {
        ProvisioningReport report = sequence(List.of(new JoinOnly()), new RecordingKeys())
                .prepare(f.target(), Secret.of("pw"), events);
        ProvisioningOutcome.Failed failed = failed(report);
        assertEquals(FailureReason.PREPARE_FAILED, failed.reason());
        assertTrue(failed.cause().contains("cannot prepare hosts"), failed.cause());
    }

    @Test
    void preparationIsACapability() {
        ProvisioningReport report = sequence(List.of(plugin), new RecordingKeys())
                .prepare(f.target(), Secret.of("pw"), events);
        assertEquals(new ProvisioningOutcome.Success("", false, true), report.outcome());
        assertEquals("pw", plugin.preparedWith.reveal());
    }

    @Test
    void stepsGetTheSettingsValidateReturnedAndAStoreOfTheirOwnRun() {
        run(List.of(plugin));
        run(List.of(plugin));
        assertEquals(List.of(SequenceFixture.SETTINGS, SequenceFixture.SETTINGS), plugin.settingsSeen);
        assertEquals(List.of(1, 1), plugin.storeCounts, "each run starts with an empty store");
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

    private static String jar() {
        return dev.mesh.core.plugin.PluginRegistry.of(List.of(), List.of(new JoinOnly())).infos().get(0).location();
    }
}
