package dev.mesh.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import dev.mesh.core.provision.SequenceFixture.TestProvisioner;
import dev.mesh.testkit.ScriptedHost;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a run ends, whatever ends it: the key it minted is expired (issue 8 §3), the files its steps
 * registered are removed, and a stop (Ctrl-C) ends the remote command on the host and reports where
 * the host was left (issue 14, "Interrupts").
 */
class RunEndTest extends SequenceTestBase {
    /** A command the simulated host answers only when it is ended (like an installer that takes long). */
    static final String SLOW = "slow-installer";
    static final String CLEANUP = "rm -f '/tmp/mesh-installer-test.sh'";

    TestProvisioner plugin = new TestProvisioner();
    RecordingKeys keys = new RecordingKeys();

    @BeforeEach
    void slowInstallerAndCleanup() {
        f.host.on(SLOW::equals, (c, h) -> {
            Thread.sleep(60_000);
            return ScriptedHost.ok("");
        });
        f.host.onExact(CLEANUP, "");
    }

    private ProvisioningReport run() {
        return f.sequence(List.of(plugin), keys).provision(f.request(), f.events);
    }

    @Test
    void theKeyIsExpiredAsSoonAsUpIsOverAndNeverTwice() {
        plugin.onInstall = ctx -> assertTrue(keys.released.isEmpty(), "still needed for up");
        ProvisioningReport report = run();
        assertInstanceOf(ProvisioningOutcome.Success.class, report.outcome());
        assertEquals(List.of("7"), keys.released);
        assertEquals(List.of(), report.keysLeftValid());
        assertTrue(f.events.has("ok", "mesh expires it when this run ends"), f.events.lines.toString());
    }

    @Test
    void theKeyIsExpiredWhenTheRunFailsAfterMintingIt() {
        plugin.installFailure = new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED, "no space left on device");
        assertInstanceOf(ProvisioningOutcome.Failed.class, run().outcome());
        assertTrue(keys.allReleased() && keys.minted.size() == 1, keys.minted + " " + keys.released);

        plugin.installFailure = null;
        plugin.connectFailure = new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, "backend error");
        assertInstanceOf(ProvisioningOutcome.Failed.class, run().outcome());
        plugin.connectFailure = null;
        plugin.addresses = List.of(); // VERIFYING fails after up
        assertInstanceOf(ProvisioningOutcome.Failed.class, run().outcome());
        assertEquals(List.of("7", "8", "9"), keys.released);
        assertTrue(keys.allReleased());
    }

    @Test
    void aHostOnTheMeshGetsNoKey() {
        plugin.status = Preflight.joined("joined");
        assertInstanceOf(ProvisioningOutcome.Success.class, run().outcome());
        assertEquals(List.of(), keys.minted);
    }

    @Test
    void aKeyHeadscaleWillNotExpireIsNamedByItsIdNeverItsValue() {
        keys.refuseExpire = true;
        ProvisioningReport report = run();
        assertInstanceOf(ProvisioningOutcome.Success.class, report.outcome(), "the host joined all the same");
        assertEquals(List.of("pre-auth key id 7 of user mesh"), report.keysLeftValid());
        assertTrue(f.events.has("warn", "Could not expire pre-auth key id 7 of user mesh"), f.events.lines.toString());
        assertTrue(f.events.lines.stream().noneMatch(RecordingKeys.KEY::isIn), f.events.lines.toString());
    }

    @Test
    void whatAStepRegisteredIsRemovedWhenTheStateEndsHoweverItEnds() {
        plugin.onInstall = ctx -> ctx.registerCleanup("the test installer", CLEANUP);
        run();
        List<String> commands = f.host.commands();
        assertEquals(1, commands.stream().filter(CLEANUP::equals).count());

        plugin.installFailure = new IllegalStateException("the plugin's bug");
        run();
        assertEquals(2, f.host.commands().stream().filter(CLEANUP::equals).count(), "also after a failure");

        plugin.installFailure = null;
        f.host.onExact(CLEANUP, 1, "", "rm: cannot remove: Read-only file system\n");
        run();
        assertTrue(f.events.has("warn", "Could not delete the test installer on the host (rm: cannot remove:"
                + " Read-only file system); delete it by hand"), f.events.lines.toString());
    }

    @Test
    void aStopEndsTheRemoteCommandRemovesFilesExpiresTheKeyAndSaysWhereTheHostIs() throws Exception {
        StopSignal stop = new StopSignal();
        plugin.onInstall = ctx -> {
            ctx.registerCleanup("the test installer", CLEANUP);
            ctx.connection().run(SLOW, Duration.ofSeconds(30));
        };
        CompletableFuture<ProvisioningReport> running = CompletableFuture.supplyAsync(
                () -> f.sequence(List.of(plugin), keys).provision(f.request(), f.events, stop));
        awaitCommand(SLOW);

        long start = System.nanoTime();
        stop.requestStop();
        ProvisioningReport report = running.get(20, TimeUnit.SECONDS);

        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "stopped promptly");
        ProvisioningOutcome.Interrupted stopped = assertInstanceOf(ProvisioningOutcome.Interrupted.class, report.outcome());
        assertEquals("INSTALLING", stopped.step());
        assertTrue(stopped.hostState().contains("Tailscale may be partly installed; the next run checks it and installs"
                + " it again"), stopped.hostState());
        assertEquals(ProvisioningState.INTERRUPTED, report.path().get(report.path().size() - 1));
        assertTrue(f.host.signals().contains("TERM " + SLOW), "ended on the host: " + f.host.signals());
        List<String> commands = f.host.commands();
        assertEquals(CLEANUP, commands.get(commands.size() - 1), "removed after the command was ended: " + commands);
        assertEquals(List.of("7"), keys.released);
        assertFalse(plugin.steps.contains("connect"), "nothing after the stop: " + plugin.steps);
    }

    @Test
    void aStepCannotStartAnythingOnTheHostOnceStopIsRequested() {
        StopSignal stop = new StopSignal();
        plugin.onInstall = ctx -> {
            stop.requestStop(); // as if Ctrl-C came between two commands of the step
            ctx.connection().run("second-command", Duration.ofSeconds(5));
        };
        ProvisioningReport report = f.sequence(List.of(plugin), keys).provision(f.request(), f.events, stop);
        assertInstanceOf(ProvisioningOutcome.Interrupted.class, report.outcome());
        assertFalse(f.host.commands().contains("second-command"), f.host.commands().toString());
        assertTrue(keys.allReleased() && keys.minted.size() == 1);
    }

    @Test
    void aStopBeforeTheKeyIsMintedMintsNone() {
        StopSignal stop = new StopSignal();
        plugin.status = Preflight.notInstalled("fresh");
        TestProvisioner stopping = new TestProvisioner() {
            @Override
            public Preflight inspect(dev.mesh.api.ProvisioningContext ctx) {
                stop.requestStop();
                return super.inspect(ctx);
            }
        };
        ProvisioningReport report = f.sequence(List.of(stopping), keys).provision(f.request(), f.events, stop);
        ProvisioningOutcome.Interrupted stopped = assertInstanceOf(ProvisioningOutcome.Interrupted.class, report.outcome());
        assertEquals("PREFLIGHT", stopped.step());
        assertTrue(stopped.hostState().startsWith("mesh had only checked the host"), stopped.hostState());
        assertEquals(List.of(), keys.minted);
    }

    private void awaitCommand(String command) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!f.host.commands().contains(command)) {
            assertTrue(System.nanoTime() < end, "never ran: " + command);
            Thread.sleep(20);
        }
    }
}
