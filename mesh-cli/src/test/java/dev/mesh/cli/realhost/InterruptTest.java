package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "Interrupts", and issue 13 §2, on one real Debian host: mesh in its own JVM is stopped
 * with SIGINT during INSTALLING and with SIGTERM during {@code tailscale up} (the Tailscale double's
 * install and login made slow), then killed with SIGKILL during {@code up}. After a stop nothing of
 * mesh's is left on the host (no /tmp/mesh-*, no process, the lock free), the key is expired in the
 * Headscale double, mesh said where the host was left and exited 130, and the next run converges. After
 * SIGKILL no trace of the key is anywhere on the host, and the next run gets the host's lock at once.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterruptTest extends SharedLinuxHost {
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static MeshCli mesh;

    @BeforeAll
    static void cli() {
        mesh = new MeshCli(dir).trust(host);
    }

    @Test
    @Order(1)
    void ctrlCDuringInstallAndSigtermDuringUpLeaveNothingBehindAndTheNextRunConverges() {
        mesh.slowInstall(300);
        stopDuring(TailscaleDouble.INSTALLING, "INT", "INSTALLING", "Tailscale's installation was ended part-way");
        assertNothingOfMeshLeft();
        assertEquals(List.of("expired"), mesh.keyStates(), "the run's key");
        assertEquals(0, TailscaleDouble.installs(host), "the installer was ended before it installed");

        mesh.quickInstall();
        host.root("mkdir -p " + TailscaleDouble.STATE + " && echo 300 >" + TailscaleDouble.UP_DELAY);
        stopDuring(TailscaleDouble.UP_STARTED, "TERM", "CONNECTING", "`tailscale up` was ended and its key expired");
        assertNothingOfMeshLeft();
        assertFalse(host.succeeds("pgrep -f '[t]ailscale up'"), "up was ended on the host: " + processes());
        assertEquals(List.of("expired", "expired"), mesh.keyStates());

        host.root("rm -f " + TailscaleDouble.UP_DELAY + " " + TailscaleDouble.UP_STARTED);
        MeshCli.Run next = mesh.provision(host, "--skip-syncthing"); // Syncthing: FreshHostTest, ConvergenceTest
        assertEquals(0, next.exitCode(), next.output());
        assertTrue(next.out().contains("is on the mesh: " + TailscaleDouble.IP), next.out());
        assertNothingOfMeshLeft();
        assertEquals(List.of("expired", "expired", "expired"), mesh.keyStates());
    }

    @Test
    @Order(2)
    void sigkillDuringUpLeavesNoTraceOfTheKeyAndFreesTheHostsLock() {
        mesh.quickInstall();
        host.root("rm -f " + TailscaleDouble.STATE + "/backend && echo 300 >" + TailscaleDouble.UP_DELAY);
        try (MeshProcess run = MeshProcess.provision(mesh, host, "--skip-syncthing")) {
            awaitOnHost("test -e " + TailscaleDouble.UP_STARTED, run);
            run.signal("KILL");
            run.exitCode(STOP_LIMIT);
        }
        assertEquals("/dev/stdin (not a regular file)", TailscaleDouble.keySource(host), "up read the key on stdin");
        assertEquals(MeshCli.keyDigest(), TailscaleDouble.keyDigest(host));
        assertFalse(TailscaleDouble.calls(host).contains(MeshCli.KEY), "key in tailscale's argv or environment");
        assertEquals("", host.exec("grep -rlF -e '" + MeshCli.KEY + "' /tmp /var /etc /home /root /run 2>/dev/null")
                .getStdout(), "files holding the key");
        assertFalse(processes().contains(MeshCli.KEY), "key in a process's argv");
        assertEquals("", host.root("ls -A /tmp | grep '^mesh-' || true"), "nothing in /tmp");

        // the killed run's connection is gone, so is its lock: the next run gets it without waiting
        host.root("rm -f " + TailscaleDouble.UP_DELAY);
        mesh.env.put("MESH_TIMEOUT_HOST_LOCK", "0s");
        MeshCli.Run next = mesh.provision(host, "--skip-syncthing");
        mesh.env.remove("MESH_TIMEOUT_HOST_LOCK");
        assertEquals(0, next.exitCode(), next.output());
        assertTrue(next.out().contains("Locked " + host.target()), next.out());
    }

    /** Starts mesh, sends {@code signal} once {@code marker} exists on the host; mesh says where it stopped, exit 130. */
    private static void stopDuring(String marker, String signal, String state, String hostState) {
        try (MeshProcess run = MeshProcess.provision(mesh, host, "--skip-syncthing")) {
            awaitOnHost("test -e " + marker, run);
            run.signal(signal);
            assertEquals(130, run.exitCode(STOP_LIMIT), run.output());
            assertTrue(run.output().contains("Stopped at " + state + " on " + host.target() + ":" + host.port() + ": "
                    + hostState), run.output());
        }
    }

    /** No mesh file in /tmp, no process of the stopped run, the host's lock free. */
    private static void assertNothingOfMeshLeft() {
        assertEquals("", host.root("ls -A /tmp | grep '^mesh-' || true"), "mesh files left in /tmp");
        String processes = processes();
        for (String trace : List.of("mesh-tailscale-", "sleep 300", "flock", "tailscale up")) {
            assertFalse(processes.contains(trace), trace + " still runs:\n" + processes);
        }
        assertTrue(host.succeeds("flock -n /run/lock/mesh.lock true"), "the host's lock is free");
    }

    private static String processes() {
        return host.root("ps -eo pid,ppid,args");
    }

    private static void awaitOnHost(String check, MeshProcess run) {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!host.succeeds(check)) {
            assertTrue(System.nanoTime() < end, "never true on the host: " + check + "\n" + run.output());
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
