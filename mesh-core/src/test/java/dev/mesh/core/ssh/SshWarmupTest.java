package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
        // Every algorithm it readies exists in this runtime (the jlink image's modules included: its
        // check runs a connection); a failure here means the warm-up silently does nothing.
        assertEquals(Optional.empty(), SshWarmup.failure().map(Throwable::toString));
        SshWarmup.start();
        assertFalse(warmupThreads() > 0, "not started again");
    }
}
