// Stands in for a host's lock program (flock(1) on Linux, an exclusive file handle on Windows, perl's flock on macOS) on the simulated hosts, as mesh-api's HostLocking protocol describes it.
package dev.mesh.testkit;

import dev.mesh.api.HostLocking;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * A host's mesh lock for the simulated OS models: one holder at a time. A lock command (recognised by
 * the model's rule) takes it at once, or prints {@link HostLocking#WAITING} and waits the seconds the
 * command names, printing {@link HostLocking#BUSY} (exit 75) when that runs out; once it holds it,
 * it prints {@link HostLocking#HELD} and keeps it until its standard input ends (mesh closed it, or the
 * channel went away), as the real lock held by a process reading the channel does. Install with
 * {@code host.onStream(matcher, lock)}.
 */
public final class SimulatedLock implements ScriptedHost.StreamResponder {
    private final Semaphore lock = new Semaphore(1);
    private final ToLongFunction<String> waitSeconds;

    /** @param waitSeconds reads the wait from the lock command, as the OS's command carries it */
    public SimulatedLock(ToLongFunction<String> waitSeconds) {
        this.waitSeconds = waitSeconds;
    }

    /** Whether some command holds the lock now. */
    public boolean held() {
        return lock.availablePermits() == 0;
    }

    @Override
    public int respond(String command, InputStream stdin, OutputStream stdout, OutputStream stderr) throws Exception {
        if (!lock.tryAcquire()) {
            say(stdout, HostLocking.WAITING);
            if (!lock.tryAcquire(waitSeconds.applyAsLong(command), TimeUnit.SECONDS)) {
                say(stdout, HostLocking.BUSY);
                return 75;
            }
        }
        try {
            say(stdout, HostLocking.HELD);
            stdin.transferTo(OutputStream.nullOutputStream());
            return 0;
        } finally {
            lock.release();
        }
    }

    private static void say(OutputStream out, String line) throws java.io.IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
