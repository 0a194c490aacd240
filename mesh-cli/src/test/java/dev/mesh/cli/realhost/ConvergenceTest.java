package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One fresh real Debian host, taken through the runs a user makes: a dry run that changes nothing
 * (issue 14 {@code --dry-run}); two {@code mesh remote provision} at the same moment, of which one
 * provisions and the other stops at the host's lock before minting anything (issue 13 §7); a re-run
 * that installs the Syncthing an earlier {@code --skip-syncthing} run left out, and says it changed
 * something; and a last run that changes nothing (issue 14, idempotence).
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConvergenceTest extends SharedLinuxHost {
    /** What a dry run must leave as it found it: the file tree and the package list. */
    private static final String SNAPSHOT = "find /etc /usr /var/lib /tmp -xdev -printf '%p %s %m %u %T@\\n' | sort;"
            + " dpkg -l";

    @TempDir
    static Path dir;
    static MeshCli mesh;
    static MeshCli other;

    @BeforeAll
    static void clis() {
        mesh = new MeshCli(directory("one")).trust(host);
        other = new MeshCli(directory("two")).trust(host);
    }

    private static Path directory(String name) {
        try {
            return java.nio.file.Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }


    @Test
    @Order(1)
    void aDryRunOnAFreshHostChangesNothingAndMintsNoKey() {
        String before = host.root(SNAPSHOT);
        MeshCli.Run plan = mesh.provision(host, "--dry-run");
        assertEquals(0, plan.exitCode(), plan.output());
        assertEquals(before, host.root(SNAPSHOT), "the dry run changed the host");
        assertTrue(plan.out().contains("dry run, nothing changed; a run would do:"), plan.out());
        assertTrue(plan.out().contains("  - install Tailscale\n") && plan.out().contains("  - tailscale up"
                + " --login-server=" + MeshCli.SERVER + " --auth-key=file:/dev/stdin"), plan.out());
        assertEquals(List.of(), mesh.headscaleCalls().stream().filter(c -> c.startsWith("preauthkeys")).toList());
    }

    @Test
    @Order(2)
    void ofTwoRunsAtTheSameMomentOneProvisionsAndTheOtherStopsBeforeMintingAnything() throws Exception {
        mesh.env.put("MESH_TIMEOUT_HOST_LOCK", "0s");
        other.env.put("MESH_TIMEOUT_HOST_LOCK", "0s");
        CompletableFuture<MeshCli.Run> first = CompletableFuture.supplyAsync(() -> mesh.provision(host, "--skip-syncthing"));
        CompletableFuture<MeshCli.Run> second = CompletableFuture.supplyAsync(() -> other.provision(host, "--skip-syncthing"));
        List<MeshCli.Run> runs = List.of(first.get(300, TimeUnit.SECONDS), second.get(300, TimeUnit.SECONDS));

        MeshCli.Run won = runs.stream().filter(r -> r.exitCode() == 0).findFirst().orElseThrow(() -> new AssertionError(
                "no run provisioned: " + runs));
        MeshCli.Run lost = runs.stream().filter(r -> r != won).findFirst().orElseThrow();
        assertEquals(1, lost.exitCode(), lost.output());
        assertTrue(lost.err().contains("another mesh run is in progress on " + host.target() + ":" + host.port()), lost.err());
        assertTrue(won.out().contains("is on the mesh: " + TailscaleDouble.IP), won.out());
        long keys = (mesh.headscaleCalls().stream().filter(c -> c.startsWith("preauthkeys create")).count()
                + other.headscaleCalls().stream().filter(c -> c.startsWith("preauthkeys create")).count());
        assertEquals(1, keys, "one key minted");
        assertEquals(1, TailscaleDouble.installs(host), "one install");
        assertEquals(1, TailscaleDouble.upCount(host), "one tailscale up");
        assertEquals(List.of("expired"), mesh.keyStates().isEmpty() ? other.keyStates() : mesh.keyStates());
        mesh.env.remove("MESH_TIMEOUT_HOST_LOCK");
    }

    @Test
    @Order(3)
    void aRerunInstallsWhatThisRunAsksForAndAnEarlierRunSkipped() {
        assertFalse(host.succeeds("dpkg -s syncthing"), "skipped so far");
        MeshCli.Run run = mesh.provision(host);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(host.root("dpkg -s syncthing").contains("Status: install ok installed"), "installed now");
        assertTrue(run.out().contains("On the mesh: Running on " + MeshCli.SERVER), run.out());
        assertTrue(run.out().contains("is on the mesh: " + TailscaleDouble.IP), run.out());
        assertFalse(run.out().contains("nothing changed"), "Syncthing was installed: " + run.out());
        assertEquals(1, TailscaleDouble.upCount(host), "Tailscale left as it is");

        MeshCli.Run again = mesh.provision(host);
        assertEquals(0, again.exitCode(), again.output());
        assertTrue(again.out().contains("was already on the mesh (" + TailscaleDouble.IP + "); nothing changed"), again.out());
    }
}
