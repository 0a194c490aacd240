package dev.mesh.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.core.provision.SequenceFixture.LockingProvisioner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --dry-run} (issue 14): connect, detect, inspect read-only, then the plan; no lock, no key, no change. */
class DryRunTest extends SequenceTestBase {
    LockingProvisioner plugin = new LockingProvisioner();
    RecordingKeys keys = new RecordingKeys();

    private ProvisioningReport dryRun(boolean skipSyncthing) {
        return f.sequence(List.of(plugin), keys).provision(f.request(new ProvisioningOptions(skipSyncthing, true)), f.events);
    }

    @Test
    void aFreshHostIsInspectedAndPlannedButNothingElse() {
        ProvisioningReport report = dryRun(false);
        ProvisioningOutcome.Planned plan = assertInstanceOf(ProvisioningOutcome.Planned.class, report.outcome());
        assertEquals(List.of(
                "mint a pre-auth key: user mesh, reusable, valid 24h; expired again when the run ends",
                "install Tailscale",
                "tailscale up --login-server=http://127.0.0.1:8080 --auth-key=file:/dev/stdin --timeout=5s"
                        + " (the key on its standard input)",
                "verify that tailscaled is Running with a Tailscale address",
                "install Syncthing and start its service, unless the host has it"), plan.actions());
        assertEquals(List.of(ProvisioningState.SSH_TESTING, ProvisioningState.OS_DETECTING, ProvisioningState.PREFLIGHT,
                ProvisioningState.PLANNED), report.path(), "no HOST_LOCKING: not even a lock file");
        assertEquals(List.of("inspect (dry run)"), plugin.steps, "the plugin was told");
        assertEquals(List.of(), keys.minted);
        assertTrue(f.host.commands().stream().noneMatch(c -> c.startsWith("mesh-lock")), f.host.commands().toString());
    }

    @Test
    void aHostOnTheMeshPlansOnlyWhatThisRunAsksForBeyondIt() {
        plugin.status = Preflight.joined("joined");
        ProvisioningOutcome.Planned plan = assertInstanceOf(ProvisioningOutcome.Planned.class, dryRun(false).outcome());
        assertEquals(List.of("install Syncthing and start its service, unless the host has it"), plan.actions());
        plan = assertInstanceOf(ProvisioningOutcome.Planned.class, dryRun(true).outcome());
        assertEquals(List.of(), plan.actions());
    }

    @Test
    void whatPreflightWouldHaveChangedLeadsThePlan() {
        plugin.status = Preflight.joined("joined").withChanges(List.of("tailscale set --ssh=true"));
        ProvisioningOutcome.Planned plan = assertInstanceOf(ProvisioningOutcome.Planned.class, dryRun(true).outcome());
        assertEquals(List.of("tailscale set --ssh=true"), plan.actions());
    }
}
