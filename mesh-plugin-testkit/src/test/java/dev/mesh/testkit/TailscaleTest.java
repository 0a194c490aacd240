package dev.mesh.testkit;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared Tailscale steps (mesh-api's support package) against a scripted CLI. */
class TailscaleTest {
    private static final String RUNNING = "{\"BackendState\": \"Running\", \"TailscaleIPs\": [\"100.64.0.7\", \"fd7a:115c:a1e0::7\"],"
            + " \"Self\": {\"Online\": true}}";

    @TempDir
    Path dir;
    ScriptedHost host;
    RecordingContext ctx;
    Tailscale tailscale;

    @BeforeEach
    void setUp() {
        host = new ScriptedHost(dir).onExact("tailscale version", "1.80.2\n  go version: go1.23\n");
        ctx = new RecordingContext(host.connection(new TargetHost("steve", "web1", 22)), DetectedOs.builder("testos").build());
        tailscale = Tailscale.on(ctx, (args, stdin, timeout) ->
                ctx.connection().run("tailscale " + String.join(" ", args), stdin, timeout));
    }

    private void status(String json) {
        host.onExact("tailscale status --json", json);
    }

    private void controlUrl(String url) {
        host.onExact("tailscale debug prefs", "{\"ControlURL\": \"" + url + "\"}");
    }

    @Test
    void aLoggedOutNodeIsInstalledNotJoined() {
        status("{\"BackendState\": \"NeedsLogin\"}");
        assertEquals(Preflight.installed("Tailscale 1.80.2 installed, NeedsLogin"), tailscale.preflight("Tailscale"));
    }

    @Test
    void aDaemonThatDoesNotAnswerStopsAPluginThatCannotStartIt() {
        host.onExact("tailscale status --json", 1, "", "failed to connect to local tailscaled; it doesn't appear to be running\n");
        StepFailedException e = assertThrows(StepFailedException.class, () -> tailscale.preflight("Tailscale app"));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertEquals("tailscaled is not running, and this OS plugin cannot start it", e.getMessage());
    }

    @Test
    void aStatusThatIsNotJsonForAnotherReasonIsNamed() {
        host.onExact("tailscale status --json", 0, "<html>", "");
        assertEquals(Preflight.installed("Tailscale app 1.80.2 installed, tailscaled not answering (<html>)"),
                tailscale.preflight("Tailscale app"));
    }

    @Test
    void runningOnThisLoginServerIsJoined() {
        status(RUNNING);
        controlUrl("http://HEADSCALE.test:8080/");
        assertTrue(tailscale.preflight("Tailscale").joined());
        assertTrue(tailscale.joinedHere());
    }

    @Test
    void runningOnAnotherServerIsNotJoinedAndUpReauthenticates() {
        status(RUNNING);
        controlUrl("https://controlplane.tailscale.com");
        Preflight found = tailscale.preflight("Tailscale");
        assertFalse(found.joined());
        assertTrue(found.summary().contains("another login server (https://controlplane.tailscale.com;"), found.summary());
        assertEquals("--force-reauth", last(tailscale.upArguments(List.of())));
        assertTrue(ctx.listener.has("info", "--force-reauth"));
        assertFalse(tailscale.joinedHere());
    }

    @Test
    void anUnreadableControlUrlIsTrustedAndSaidSo() {
        status(RUNNING);
        host.onExact("tailscale debug prefs", 1, "", "Access denied: prefs read access denied\n");
        assertEquals(Preflight.joined("Tailscale 1.80.2 installed, Running (login server not confirmed)"), tailscale.preflight("Tailscale"));
        assertTrue(ctx.listener.has("info", "treating the Running node as joined"));
    }

    @Test
    void runningWithoutAnyAddressIsNotJoined() {
        status("{\"BackendState\": \"Running\", \"TailscaleIPs\": []}");
        assertFalse(tailscale.preflight("Tailscale").joined());
    }

    @Test
    void anotherUsersTailscaleIsWarnedAbout() {
        status("{\"BackendState\": \"InUseOtherUser\"}");
        tailscale.preflight("Tailscale");
        assertTrue(ctx.listener.has("warn", "in use by another user"), ctx.messages.toString());
    }

    @Test
    void upGetsTheKeyOnStandardInputOnly() {
        status("{\"BackendState\": \"NeedsLogin\"}");
        host.onCall(c -> c.startsWith("tailscale up "), (call, h) ->
                call.input().strip().equals(ctx.authKey().reveal()) ? ok("") : result(1, "", "no key\n"));
        tailscale.connect(List.of());
        String up = host.commands().get(host.commands().size() - 1);
        assertEquals("tailscale up --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
                + " --timeout=60s", up);
        assertEquals(ctx.timeouts.connect().plus(Tailscale.UP_MARGIN), host.timeoutOf("tailscale up"));
        SecretAssertions.assertOnlyOnStdin(host, ctx.authKey());
        assertTrue(ctx.listener.has("ok", "Connected to http://headscale.test:8080"));
    }

    @Test
    void aFailedUpIsAConnectFailureWithTheKeyRedacted() {
        status("{\"BackendState\": \"NeedsLogin\"}");
        host.onPrefix("tailscale up ", (c, h) -> result(1, "", "invalid key \"" + ctx.authKey().reveal() + "\"\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> tailscale.connect(List.of()));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key \"****\""), e.getMessage());
        assertTrue(e.getMessage().endsWith("(exit status 1)"), e.getMessage());
    }

    @Test
    void anIpv6OnlyNodeIsVerified() {
        status("{\"BackendState\": \"Running\", \"TailscaleIPs\": [\"fd7a:115c:a1e0::9\"]}");
        TailscaleStatus verified = tailscale.verify();
        assertEquals(List.of("fd7a:115c:a1e0::9"), verified.addresses());
        assertTrue(ctx.listener.has("ok", "Tailscale is Running: fd7a:115c:a1e0::9"));
    }

    @Test
    void verifyNamesTheStateTheHealthAndWhyTheStatusWasUnreadable() {
        status("{\"BackendState\": \"NeedsLogin\", \"Health\": [\"not logged in\"]}");
        StepFailedException e = assertThrows(StepFailedException.class, () -> tailscale.verify());
        assertEquals(FailureReason.VERIFY_FAILED, e.reason());
        assertEquals("BackendState is NeedsLogin; health: not logged in", e.getMessage());

        host.onExact("tailscale status --json", 1, "", "failed to connect to local tailscaled\n");
        e = assertThrows(StepFailedException.class, () -> tailscale.verify());
        assertEquals("BackendState is NoState; tailscale status --json: failed to connect to local tailscaled", e.getMessage());
    }

    @Test
    void theVersionIsTheFirstLineOrUnknown() {
        assertEquals("1.80.2", tailscale.version());
        host.onExact("tailscale version", 127, "", "not found");
        assertEquals("(unknown version)", tailscale.version());
    }

    private static String last(List<String> list) {
        return list.get(list.size() - 1);
    }
}
