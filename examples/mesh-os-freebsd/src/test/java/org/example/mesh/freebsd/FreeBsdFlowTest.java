package org.example.mesh.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.RecordingContext;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin's steps, in mesh-core's order, on the simulated FreeBSD host. */
class FreeBsdFlowTest {
    private static final String PROBE = Root.probe(List.of("sudo", "doas"));
    private static final String CLI = "sudo -n /usr/local/bin/tailscale";
    private static final String UP = CLI + " up --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
            + " --timeout=60s";

    private final SimulatedFreeBsdHost<ScriptedHost> bsd = SimulatedFreeBsdHost.inProcess();
    private final TestContext ctx = new TestContext(bsd.connection());
    private final FreeBsdProvisioner provisioner = new FreeBsdProvisioner();

    FreeBsdFlowTest() {
        bsd.validKeys.add(RecordingContext.RUN_KEY.reveal());
    }

    /** PREFLIGHT, INSTALLING, CONNECTING, VERIFYING, SYNCTHING as mesh-core runs them on a fresh host. */
    private void provision() {
        ctx.authKey = null;
        assertEquals(Preflight.notInstalled("Tailscale not installed (pkg)"), provisioner.inspect(ctx));
        ctx.authKey = RecordingContext.RUN_KEY;
        provisioner.installTailscale(ctx);
        assertEquals(ConnectResult.connected("tailscale up --login-server=http://headscale.test:8080 succeeded"),
                provisioner.connect(ctx));
        assertEquals(SimulatedFreeBsdHost.TAILSCALE_IP, provisioner.verify(ctx).preferredAddress());
        assertTrue(provisioner.installSyncthing(ctx));
    }

    @Test
    void aFreshHostGetsBothPackagesEnabledAtBootAndJoinsWithTheKeyOnStdin() {
        provision();

        assertEquals(List.of(
                PROBE, "pkg info -e tailscale",
                "sudo -n pkg install -y tailscale", "sudo -n sysrc tailscaled_enable=YES",
                "sudo -n service tailscaled status", "sudo -n service tailscaled start", "sudo -n service tailscaled status",
                CLI + " status --json", CLI + " debug prefs", UP,
                CLI + " status --json",
                "pkg info -e syncthing", FreeBsdSyncthing.OTHER_PROCESS, "sudo -n pkg install -y syncthing",
                "sudo -n sysrc syncthing_enable=YES", "sudo -n service syncthing status", "sudo -n service syncthing start",
                "sudo -n service syncthing status"), bsd.commands());
        assertEquals(List.of("/dev/stdin"), bsd.keySources);
        assertEquals("YES", bsd.rcConf.get("tailscaled_enable"));
        assertEquals("YES", bsd.rcConf.get("syncthing_enable"));
        assertTrue(bsd.syncthingRunning);
        SecretAssertions.assertOnlyOnStdin(bsd.host, RecordingContext.RUN_KEY);
        SecretAssertions.assertNotIn(ctx.messages, RecordingContext.RUN_KEY);
        assertEquals(List.of(), bsd.host.filesUnder("/"), "no file left");
        assertEquals(List.of(), bsd.unknown, "commands the host did not understand");
    }

    @ParameterizedTest
    @ValueSource(strings = {"root", "doas"})
    void rootLoginsAndDoasWorkAlike(String root) {
        bsd.root = root;
        provision();
        String prefix = root.equals("root") ? "" : "doas -n ";
        assertTrue(bsd.commands().contains(prefix + "pkg install -y tailscale"), bsd.commands().toString());
        assertTrue(bsd.commands().contains(prefix + "/usr/local/bin/tailscale up --login-server=http://headscale.test:8080"
                + " --auth-key=file:/dev/stdin --timeout=60s"), bsd.commands().toString());
        SecretAssertions.assertOnlyOnStdin(bsd.host, RecordingContext.RUN_KEY);
        assertEquals(List.of(), bsd.unknown);
    }

    @Test
    void withoutAPasswordlessWayToRootPreflightStopsAndSaysHow() {
        bsd.root = "none";
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertTrue(e.getMessage().contains("beastie on bsd1.lan is not root, and sudo or doas -n true failed"), e.getMessage());
        assertTrue(e.hint().contains("permit nopass beastie"), e.hint());
        assertEquals(List.of(PROBE), bsd.commands(), "nothing else was tried");
    }

    @Test
    void onlyTheConfiguredToolsAreTried() {
        bsd.root = "sudo";
        ctx.configure(provisioner, "mesh.plugins.freebsd.root = [doas]");
        assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(List.of(Root.probe(List.of("doas"))), bsd.commands());
    }

    @Test
    void aSecondRunFindsTheNodeJoinedAndChangesNothing() {
        provision();
        int before = bsd.commands().size();
        ctx.authKey = null;

        Preflight again = provisioner.inspect(ctx);

        assertEquals(Preflight.joined("Tailscale (pkg) 1.80.2 installed, Running on http://headscale.test:8080 (joined)"), again);
        assertFalse(again.changed());
        assertFalse(provisioner.installSyncthing(ctx));
        List<String> second = bsd.commands().subList(before, bsd.commands().size());
        assertTrue(second.stream().noneMatch(c -> c.contains(" install ") || c.contains(" start") || c.contains(" up ")
                || c.contains("sysrc")), second.toString());
    }

    @Test
    void aStoppedTailscaledIsEnabledAndStartedInPreflight() {
        bsd.packages.add("tailscale");
        Preflight found = provisioner.inspect(ctx);
        assertEquals(List.of("tailscaled enabled and started (service tailscaled start)"), found.changes());
        assertEquals("YES", bsd.rcConf.get("tailscaled_enable"));
    }

    @Test
    void aTailscaledThatDiesAtOnceIsCaughtDespiteServiceStartExitingZero() {
        bsd.tailscaledCrashes = true;
        ctx.authKey = RecordingContext.RUN_KEY;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.installTailscale(ctx));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("service tailscaled status: tailscaled is not running. (exit status 1)"),
                e.getMessage());
    }

    @Test
    void anOldClientIsUpgradedWithPkgAndTheDaemonRestarted() {
        bsd.packages.add("tailscale");
        bsd.rcConf.put("tailscaled_enable", "YES");
        bsd.node.daemonRunning = true;
        bsd.node.version = "1.70.0";
        ctx.headscaleVersion = java.util.Optional.of("0.28.0");
        Preflight found = provisioner.inspect(ctx);
        assertEquals(List.of("Tailscale upgraded from 1.70.0 to 1.80.2 (upgraded with pkg)"), found.changes());
        assertTrue(bsd.commands().containsAll(List.of("sudo -n pkg upgrade -y tailscale", "sudo -n service tailscaled restart")));
    }

    @Test
    void aSyncthingRunOutsideRcdIsLeftAlone() {
        bsd.packages.add("syncthing");
        bsd.ownSyncthing = true;
        assertFalse(provisioner.installSyncthing(ctx));
        assertTrue(bsd.commands().stream().noneMatch(c -> c.contains("service syncthing start") || c.contains("sysrc")),
                bsd.commands().toString());
        assertTrue(ctx.listener.has("ok", "mesh leaves it alone"), ctx.messages.toString());
    }

    @Test
    void aRejectedKeyFailsConnectWithoutLeakingIt() {
        bsd.packages.add("tailscale");
        bsd.node.daemonRunning = true;
        bsd.validKeys.clear();
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.connect(ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        SecretAssertions.assertOnlyOnStdin(bsd.host, RecordingContext.RUN_KEY);
        SecretAssertions.assertNotIn(List.of(e.getMessage()), RecordingContext.RUN_KEY);
    }
}
