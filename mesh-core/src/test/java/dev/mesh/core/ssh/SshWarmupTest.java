package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The warm-up in this JVM. That it runs next to real connections without a deadlock, in a fresh JVM
 * where no class is initialised yet, is the realhost {@code AnsibleToMeshTest}'s part: it runs
 * {@code mesh remote provision --all} as its own process on three containers.
 */
class SshWarmupTest {
    private static long warmupThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("mesh-warmup")).count();
    }

    @Test
    void runsOnceOnADaemonThreadAndEndsWithoutAFailure() {
        SshWarmup.start();
        SshWarmup.start();
        assertTrue(warmupThreads() <= 1, "one warm-up per process");
        assertTimeoutPreemptively(Duration.ofSeconds(30), SshWarmup::await);
        assertEquals(0, warmupThreads(), "the warm-up has ended");
        // Every algorithm it readies exists here: MINA would quietly pick another key exchange, and the
        // warm-up would then quietly ready nothing the connection uses.
        assertEquals(Optional.empty(), SshWarmup.failure().map(Throwable::toString));
        assertTrue(SshWarmup.completed(), "ran to its end");
        SshWarmup.start();
        assertFalse(warmupThreads() > 0, "not started again");
    }
}
