package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.Quoting;
import dev.mesh.os.linux.LinuxProvisioner;
import dev.mesh.os.macos.MacProvisioner;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host lock programs run for real (issue 13 §7): Linux's flock(1) command, and the macOS
 * plugin's perl program on the perl a Debian host has (macOS's flock(2) is the same BSD call). One
 * holder keeps the lock while its standard input is open; a run of another user meanwhile waits its
 * second and says busy; once the holder is killed with SIGKILL, the next run holds the lock at once.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class HostLockProgramsTest extends SharedLinuxHost {
    @BeforeAll
    static void secondUser() {
        host.root("useradd -m other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"linux", "macos"})
    void oneHolderAtATimeAndAKilledHolderLeavesTheLockFree(String os) {
        String lock = os.equals("linux") ? new LinuxProvisioner().lockCommand(null, Duration.ofSeconds(1))
                : new MacProvisioner().lockCommand(null, Duration.ofSeconds(1));
        String as = "su -s /bin/sh -c " + Quoting.sh(lock) + " ";
        host.root("rm -f /run/lock/mesh.lock /tmp/mesh.lock; (sleep 600 | " + as + HostImage.USER
                + " >/root/holder.out 2>&1 &); for i in $(seq 50); do grep -q held /root/holder.out && break; sleep 0.1; done");
        assertEquals("mesh-lock: held\n", host.root("cat /root/holder.out"));

        assertEquals("mesh-lock: waiting\nmesh-lock: busy\nexit 75\n", host.root(as + "other </dev/null; echo exit $?"));

        String holder = "-u " + HostImage.USER + " -x " + (os.equals("linux") ? "cat" : "perl");
        host.root("pkill -KILL " + holder + "; while pgrep " + holder + " >/dev/null; do sleep 0.05; done");
        assertEquals("mesh-lock: held\nexit 0\n", host.root("echo | " + as + "other; echo exit $?"));
    }
}
