package dev.mesh.os.linux;

import static dev.mesh.os.linux.ScriptedLinuxHost.exit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectStepTest {

    private static Debian12Host installedHost() {
        Debian12Host debian = new Debian12Host("steve");
        debian.tailscaleInstalled = true;
        return debian;
    }

    @Test
    void keyGoesThroughA0600FileThatIsRemoved() {
        Debian12Host debian = installedHost();
        TestContext ctx = new TestContext(debian.host);
        assertInstanceOf(ConnectResult.Connected.class, ConnectStep.run(ctx));
        ScriptedLinuxHost.Upload upload = debian.host.uploads().get(0);
        assertTrue(upload.path().matches("/tmp/mesh-authkey-[0-9a-f]{32}"), upload.path());
        assertEquals(0600, upload.mode());
        assertEquals(TestContext.KEY + "\n", new String(upload.content(), StandardCharsets.UTF_8));
        assertEquals(TestContext.KEY, debian.keyReadByUp);
        assertTrue(debian.host.files().isEmpty());
        debian.host.commands().forEach(c -> assertFalse(c.contains(TestContext.KEY), c));
    }

    @Test
    void everyKeyFileNameIsNew() {
        Debian12Host debian = installedHost();
        ConnectStep.run(new TestContext(debian.host));
        ConnectStep.run(new TestContext(debian.host));
        assertFalse(debian.host.uploads().get(0).path().equals(debian.host.uploads().get(1).path()));
    }

    @Test
    void upGetsTheConnectTimeoutPlusMargin() {
        Debian12Host debian = installedHost();
        TestContext ctx = new TestContext(debian.host);
        ctx.timeouts = new dev.mesh.api.StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(45));
        ConnectStep.run(ctx);
        assertEquals(Duration.ofSeconds(45).plus(ConnectStep.MARGIN), debian.host.timeoutOf("sudo -n tailscale up"));
        assertTrue(debian.host.commands().stream().anyMatch(c -> c.contains(" --timeout='45s'")));
    }

    @Test
    void failedUpIsAConnectFailureAndTheKeyFileIsStillRemoved() {
        Debian12Host debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", c -> exit(1, "",
                "backend error: invalid key: unable to validate API key\n"));
        TestContext ctx = new TestContext(debian.host);
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key"), e.getMessage());
        assertTrue(debian.host.files().isEmpty(), "key file removed after failure");
        assertEquals("rm -f '" + debian.host.uploads().get(0).path() + "'", last(debian.host));
    }

    @Test
    void keyFileIsRemovedWhenTheConnectionBreaksDuringUp() {
        Debian12Host debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", c -> {
            throw new TransportException("channel closed");
        });
        assertThrows(TransportException.class, () -> ConnectStep.run(new TestContext(debian.host)));
        assertTrue(debian.host.files().isEmpty());
    }

    @Test
    void keyFileIsRemovedWhenTheUploadBreaksMidway() {
        Debian12Host debian = installedHost();
        debian.host.failUploadsWith(new TransportException("SFTP write failed"));
        assertThrows(TransportException.class, () -> ConnectStep.run(new TestContext(debian.host)));
        assertTrue(debian.host.files().isEmpty());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("tailscale up")));
    }

    @Test
    void failedRemovalIsAWarningNotAMaskedError() {
        Debian12Host debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", c -> exit(1, "", "timeout waiting for Running\n"))
                .onPrefix("rm -f ", c -> exit(1, "", "rm: cannot remove: Read-only file system\n"));
        TestContext ctx = new TestContext(debian.host);
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(ctx));
        assertTrue(e.getMessage().contains("timeout waiting for Running"));
        assertTrue(ctx.listener.has("warn", "Could not delete the auth key file /tmp/mesh-authkey-"));
    }

    @Test
    void keyEchoedByTheCliIsRedacted() {
        Debian12Host debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", c -> exit(1, "", "invalid key \"" + TestContext.KEY + "\"\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(new TestContext(debian.host)));
        assertFalse(e.getMessage().contains(TestContext.KEY), e.getMessage());
        assertTrue(e.getMessage().contains("invalid key \"****\""), e.getMessage());
    }

    @Test
    void runningOnAnotherServerAddsForceReauth() {
        Debian12Host debian = installedHost();
        debian.running = true;
        debian.host.onExact("sudo -n tailscale debug prefs", TailscaleJson.prefs("https://controlplane.tailscale.com"));
        TestContext ctx = new TestContext(debian.host);
        ConnectStep.run(ctx);
        String up = debian.host.commands().stream().filter(c -> c.contains("tailscale up")).findFirst().orElseThrow();
        assertTrue(up.endsWith(" --force-reauth"), up);
        assertTrue(ctx.listener.has("info", "--force-reauth"));
    }

    @Test
    void loggedOutNodeNeedsNoForceReauthNorPrefs() {
        Debian12Host debian = installedHost();
        ConnectStep.run(new TestContext(debian.host));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("--force-reauth") || c.contains("debug prefs")));
    }

    @Test
    void upCommandQuotesEveryValue() throws Exception {
        URI odd = URI.create("https://hs.example.test:8443/it's%20here?x=$(id)&y=;reboot");
        String command = ConnectStep.upCommand(InstallTailscaleStepTest.shell("steve"), odd,
                "/tmp/mesh-authkey-00ff", Duration.ofMillis(1500), false);
        assertEquals("sudo -n tailscale up --reset --login-server='https://hs.example.test:8443/it'\\''s%20here?x=$(id)&y=;reboot'"
                + " --auth-key='file:/tmp/mesh-authkey-00ff' --accept-routes --timeout='1s'", command);
        // sh hands tailscale exactly these arguments
        String args = InstallTailscaleStepTest.sh("printf '[%s]\\n' " + command.substring("sudo -n tailscale up ".length()));
        assertEquals("[--reset]\n[--login-server=https://hs.example.test:8443/it's%20here?x=$(id)&y=;reboot]\n"
                + "[--auth-key=file:/tmp/mesh-authkey-00ff]\n[--accept-routes]\n[--timeout=1s]\n", args);
    }

    @Test
    void rootRunsUpWithoutSudo() {
        String command = ConnectStep.upCommand(InstallTailscaleStepTest.shell("root"), URI.create("http://h:8080"),
                "/tmp/k", Duration.ofSeconds(60), true);
        assertEquals("tailscale up --reset --login-server='http://h:8080' --auth-key='file:/tmp/k' --accept-routes"
                + " --timeout='60s' --force-reauth", command);
    }

    private static String last(ScriptedLinuxHost host) {
        var commands = host.commands();
        return commands.get(commands.size() - 1);
    }

}
