package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Tailscale node double keeps to the CLI's rules (cmd/tailscale/cli/up.go, set.go) that mesh relies on. */
class TailscaleNodeTest {
    private static final List<String> UP = List.of("up", "--login-server=http://hs", "--auth-key=file:/dev/stdin", "--timeout=5s");

    private static List<String> with(List<String> base, String... more) {
        List<String> all = new java.util.ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void upWithoutMentioningAPreferenceTheNodeHasIsRefusedWithTheClisMessage() {
        TailscaleNode node = new TailscaleNode("linux").joined("http://hs").setPref("ssh", "true");
        CommandResult refused = node.run(UP, "key\n", null);
        assertEquals(1, refused.exitCode());
        assertTrue(refused.stderr().startsWith(TailscaleNode.UP_CHECKER), refused.stderr());
        assertTrue(refused.stderr().endsWith(" --login-server=http://hs --ssh\n\n"), refused.stderr());
        assertTrue(node.run(with(UP, "--ssh=true"), "key\n", null).succeeded());
        assertEquals("true", node.pref("ssh"));
        assertTrue(node.run(with(UP, "--reset"), "key\n", null).succeeded());
        assertEquals("false", node.pref("ssh"), "reset: back to the default");
    }

    @Test
    void aNodeThatNeverLoggedInIsNotCheckedButLosesWhatUpDoesNotMention() {
        TailscaleNode node = new TailscaleNode("linux").setPref("ssh", "true");
        assertTrue(node.run(UP, "key\n", null).succeeded());
        assertEquals("false", node.pref("ssh"));
    }

    @Test
    void setChangesOnlyWhatItIsGivenAndHasNoTags() {
        TailscaleNode node = new TailscaleNode("windows").joined("http://hs");
        assertEquals("true", node.pref("accept-routes"), "Windows' default");
        assertTrue(node.run(List.of("set", "--accept-dns=false"), "", null).succeeded());
        assertEquals("false", node.pref("accept-dns"));
        assertEquals("true", node.pref("accept-routes"));
        assertEquals(2, node.run(List.of("set", "--advertise-tags=tag:x"), "", null).exitCode());
        assertTrue(node.prefsJson().contains("\"CorpDNS\": false"));
    }

    @Test
    void aRunningNodeMovesServerOnlyWithForceReauthAndNothingAnswersWithoutTheDaemon() {
        TailscaleNode node = new TailscaleNode("linux").joined("http://other");
        assertEquals("can't change --login-server without --force-reauth\n", node.run(UP, "key\n", null).stderr());
        assertTrue(node.run(with(UP, "--force-reauth"), "key\n", null).succeeded());
        node.daemonRunning = false;
        assertTrue(node.run(List.of("status", "--json"), "", null).stderr().startsWith("failed to connect to local tailscaled"));
        assertTrue(node.run(List.of("version"), "", null).succeeded(), "version needs no daemon");
        node.daemonRunning = true;
        assertTrue(node.run(List.of("up", "--login-server=http://hs", "--auth-key=file:/dev/stdin"), "key", null).timedOut(),
                "no --timeout: waits forever");
    }
}
