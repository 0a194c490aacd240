package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** apt on the host cannot do its job: a held dpkg lock, an unreachable mirror. */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class PackageFailuresTest {
    @TempDir
    Path dir;

    /**
     * Another apt-get ({@code apt-get remove curl}: a removal always asks) sits at its "Do you want
     * to continue?" prompt holding the dpkg locks: mesh
     * waits {@code apt-lock-timeout} (5 s here), then fails naming the lock and its holder.
     */
    @Test
    void aHeldDpkgLockIsWaitedForABoundedTimeThenNamed() {
        try (LinuxHost host = LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0)) {
            host.root("nohup sh -c 'sleep 600 | apt-get remove curl' >/root/holder.log 2>&1 </dev/null &");
            awaitLockHeld(host);
            MeshCli mesh = new MeshCli(dir, "5s").trust(host);

            MeshCli.Run run = mesh.provision(host);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("/var/lib/dpkg/lock"), "names the lock: " + run.err());
            assertTrue(run.err().contains("apt-get"), "names the holder: " + run.err());
            assertTrue(run.err().contains("at SYNCTHING"), run.err());
            assertTrue(run.err().contains("Waiting for cache lock"), "apt waited: " + run.err());
            // waited the configured 5 s, not apt's default (forever) nor mesh's default (120 s)
            assertTrue(run.elapsed().compareTo(Duration.ofSeconds(5)) > 0, "did not wait: " + run.elapsed());
            assertTrue(run.elapsed().compareTo(Duration.ofSeconds(40)) < 0, "waited too long: " + run.elapsed());
            assertTrue(lockHeld(host), "the other apt run still holds the lock");
            assertFalse(host.succeeds("dpkg -s syncthing"), "syncthing installed despite the lock");
            Measured.report("dpkg lock: failed after %s ms:%n%s", run.elapsed().toMillis(), run.err());
        }
    }

    /**
     * A host on a network that reaches nothing outside: apt cannot fetch, and the host keeps no
     * half-installed package. Name lookups on an internal network time out (about 20 s each, over
     * two minutes for one apt-get update), so the mirror's names (read from the host's apt sources)
     * are pointed at the host's own loopback, where nothing listens: the connection is refused at once.
     */
    @Test
    void anUnreachableMirrorIsAClearInstallErrorAndLeavesNoHalfInstalledPackage() {
        try (LinuxHost host = LinuxHost.startIsolated(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD))) {
            host.root("for h in $(sed -n 's#^URIs: *[a-z]*://\\([^/:]*\\).*#\\1#p' /etc/apt/sources.list.d/*.sources | sort -u);"
                    + " do echo \"127.0.0.1 $h\" >>/etc/hosts; done; grep -c 127.0.0.1 /etc/hosts");
            assertTrue(host.exec("curl -sS -m 5 -o /dev/null http://$(sed -n 's#^URIs: *[a-z]*://\\([^/:]*\\).*#\\1#p'"
                    + " /etc/apt/sources.list.d/debian.sources | head -n 1)/").getExitCode() != 0, "the mirror is reachable");
            MeshCli mesh = new MeshCli(dir).trust(host);

            MeshCli.Run run = mesh.provision(host);

            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("at SYNCTHING"), run.err());
            assertTrue(run.err().contains("package lists could not be downloaded") && run.err().contains("Failed to fetch"),
                    "says the packages could not be downloaded: " + run.err());
            assertFalse(run.output().contains(MeshCli.KEY), "key in the output");
            assertEquals("", host.exec("dpkg --audit").getStdout(), "half-installed packages");
            assertFalse(host.succeeds("dpkg -s syncthing"), "syncthing installed");
            assertEquals("", host.root("ls -A /tmp"), "files left in /tmp");
            Measured.report("unreachable mirror: failed after %s ms:%n%s", run.elapsed().toMillis(), run.err());
        }
    }

    private static void awaitLockHeld(LinuxHost host) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(lockHeld(host) && host.succeeds("grep -q 'Do you want to continue' /root/holder.log"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("apt-get did not take the dpkg lock: " + host.exec("cat /root/holder.log").getStdout());
            }
            sleep();
        }
    }

    /** Whether some process holds a lock on dpkg's frontend lock file (by inode, in /proc/locks). */
    private static boolean lockHeld(LinuxHost host) {
        return host.succeeds("grep -q \":$(stat -c %i /var/lib/dpkg/lock-frontend) \" /proc/locks");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
