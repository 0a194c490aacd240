package dev.mesh.cli.realhost.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.HostImage;
import dev.mesh.cli.realhost.LinuxHost;
import dev.mesh.cli.realhost.MeshCli;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.cli.realhost.TailscaleDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §4 on one real Debian host: Tailscale preferences come from settings and flags, with
 * Tailscale's defaults otherwise. Routes a peer offers are accepted only after mesh has looked at
 * them, with a warning first when one covers the connection mesh uses (the container's own LAN,
 * read from its routing table); what the node has and this run does not name is kept by name, or
 * dropped by name with {@code --reset} (the double refuses an {@code up} that would drop it silently,
 * as the real CLI does); a joined node gets the differences by {@code tailscale set}, and a second run
 * changes nothing. In order, on one container.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class PreferencesTest extends OneHostTest {
    @BeforeAll
    static void start() {
        use(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0));
    }

    /** The container's directly connected IPv4 network, from /proc/net/route (e.g. 172.20.0.0/16). */
    private static String lan() {
        String[] f = host.root("awk 'NR > 1 && $3 == \"00000000\" && $2 != \"00000000\" { print $2, $8; exit }' /proc/net/route")
                .strip().split(" ");
        long dest = Long.parseLong(f[0], 16);
        int bits = Long.bitCount(Long.parseLong(f[1], 16));
        return (dest & 0xff) + "." + (dest >> 8 & 0xff) + "." + (dest >> 16 & 0xff) + "." + (dest >> 24 & 0xff) + "/" + bits;
    }

    private static String upArgs() {
        String calls = TailscaleDouble.calls(host);
        String last = calls.substring(calls.lastIndexOf("argv: up"));
        return last.substring(0, last.indexOf("env: "));
    }

    @Test
    @Order(1)
    void routesCoveringTheConnectionAreNamedBeforeTheyAreAccepted() {
        String lan = lan();
        TailscaleDouble.offerRoutes(host, lan, "10.99.0.0/16");

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing", "--accept-routes");

        assertEquals(0, run.exitCode(), run.output());
        String warning = "Accepting subnet routes on 127.0.0.1: " + lan + " covers the connection mesh uses";
        assertTrue(run.out().contains(warning), run.out());
        assertTrue(run.out().indexOf(warning) < run.out().indexOf("Accepting subnet routes (tailscale set --accept-routes=true)"),
                run.out());
        assertTrue(upArgs().contains("argv: --accept-routes=false"), "up does not accept them yet: " + upArgs());
        assertTrue(TailscaleDouble.prefs(host).contains("\"RouteAll\": true"), "then accepted");
    }

    @Test
    @Order(2)
    void whatTheNodeHasIsKeptByNameWhenItLogsInAgain() {
        host.root("tailscale set --ssh && echo https://old.example.test > " + TailscaleDouble.STATE + "/control-url");

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.out().contains("Keeping preferences the node has and this run does not name: --accept-routes=true,"
                + " --ssh=true (reset = true would drop them)"), run.out());
        assertTrue(upArgs().contains("argv: --ssh=true") && upArgs().contains("argv: --force-reauth"), upArgs());
        assertTrue(TailscaleDouble.prefs(host).contains("\"RunSSH\": true"), TailscaleDouble.prefs(host));
    }

    @Test
    @Order(3)
    void withResetTheyAreDroppedAndNamedFirst() {
        host.root("echo https://old.example.test > " + TailscaleDouble.STATE + "/control-url");

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing", "--reset");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("reset: tailscale up --reset drops preferences the node has: --accept-routes=true,"
                + " --ssh=true"), run.output());
        assertTrue(upArgs().contains("argv: --reset"), upArgs());
        String prefs = TailscaleDouble.prefs(host);
        assertTrue(prefs.contains("\"RunSSH\": false") && prefs.contains("\"RouteAll\": false"), prefs);
    }

    @Test
    @Order(4)
    void aJoinedNodeGetsTheDifferenceBySetAndASecondRunChangesNothing() {
        int ups = TailscaleDouble.upCount(host);

        MeshCli.Run first = mesh.provision(host, "--skip-syncthing", "--accept-dns=false");

        assertEquals(0, first.exitCode(), first.output());
        assertTrue(first.out().contains("Changed the node's preferences (tailscale set --accept-dns=false): accept-dns true"
                + " → false"), first.out());
        assertEquals(ups, TailscaleDouble.upCount(host), "no new up, no new key");
        assertTrue(TailscaleDouble.prefs(host).contains("\"CorpDNS\": false"));

        int calls = TailscaleDouble.calls(host).split("argv: set").length;
        MeshCli.Run second = mesh.provision(host, "--skip-syncthing", "--accept-dns=false");
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.out().contains("Tailscale preferences are as wanted: --accept-dns=false"), second.out());
        assertEquals(calls, TailscaleDouble.calls(host).split("argv: set").length, "no second tailscale set");
        assertFalse(second.out().contains("Changed the node's preferences"), second.out());
    }
}
