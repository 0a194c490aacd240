package dev.mesh.api;

import java.time.Duration;

/**
 * Capability (since SPI 2.1): one mesh run per host at a time. mesh-core takes the host's lock right
 * after OS detection, before it inspects, mints a key or changes anything, and holds it until the run
 * ends: it starts {@link #lockCommand} on its own SSH channel and keeps that command's standard input
 * open for the whole run. The lock must belong to that command's process (a kernel file lock, an
 * exclusive file handle), so that it is released whenever the process ends: when mesh closes the input
 * (EOF), when mesh ends it, and when mesh dies or the connection drops (the host's sshd then closes
 * the input). A run that crashed or was killed therefore never leaves the host locked.
 *
 * <p>The command's protocol, one line each on standard output: {@link #WAITING} when another process
 * holds the lock (then it waits up to {@code wait}); then {@link #HELD} once it holds the lock, after
 * which it reads its standard input to the end and exits, or {@link #BUSY} when {@code wait} ran out,
 * and exits. Anything else (the locking program is missing) makes mesh warn and run unlocked.
 */
public non-sealed interface HostLocking extends Capability {
    /** Printed when the lock is taken by someone else and the command starts waiting. */
    String WAITING = "mesh-lock: waiting";
    /** Printed once the command holds the lock. */
    String HELD = "mesh-lock: held";
    /** Printed when {@code wait} ran out without the lock. */
    String BUSY = "mesh-lock: busy";

    /**
     * The command, for the host's login shell, that takes mesh's lock on this host as described above.
     * It must not need root (it runs before PREFLIGHT has checked privileges) and must change nothing
     * else; the lock file, if any, may stay (empty) after the run.
     *
     * @param wait how long to wait for another run's lock, whole seconds, at least 0
     */
    String lockCommand(ProvisioningContext ctx, Duration wait);
}
