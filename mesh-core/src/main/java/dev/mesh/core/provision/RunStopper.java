package dev.mesh.core.provision;

import java.util.function.Supplier;

/**
 * How a stop request reaches one run's work: the command running on the host is ended
 * ({@link HostConnection#stopCommands()}) and the run's thread is interrupted, which also ends a
 * command that was just starting, a wait for the host lock or a poll of Headscale. Sections that
 * must not be cut short (minting a key, removing files, expiring the key) run
 * {@link #uninterruptibly}: a stop during them is seen when they return.
 */
final class RunStopper {
    private final StopSignal stop;
    private final Supplier<HostConnection> connection;
    private final Runnable onStop = this::stopNow;
    private Thread thread;
    private boolean interruptible = true; // guarded by this

    RunStopper(StopSignal stop, Supplier<HostConnection> connection) {
        this.stop = stop;
        this.connection = connection;
    }

    /** From now on a stop request stops the calling thread's run. */
    void start() {
        thread = Thread.currentThread();
        stop.onStop(onStop);
    }

    /** The run has ended: nothing left to stop. */
    void end() {
        stop.remove(onStop);
        synchronized (this) {
            interruptible = false;
        }
    }

    /**
     * Runs {@code section} without being interrupted by a stop; an interrupt that came from the stop
     * is cleared first (the run sees the stop itself), any other interrupt is kept.
     */
    void uninterruptibly(Runnable section) {
        boolean wasInterruptible;
        synchronized (this) {
            wasInterruptible = interruptible;
            interruptible = false;
        }
        boolean interrupted = Thread.interrupted();
        try {
            section.run();
        } finally {
            synchronized (this) {
                interruptible = wasInterruptible;
            }
            if (interrupted && !stop.stopRequested()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Does nothing during an uninterruptible section: its own commands (cleanup) must run to their
     * end. Holds the lock while it ends the running command, so a section that starts meanwhile
     * waits for that, instead of having its first command ended too.
     */
    private synchronized void stopNow() {
        if (!interruptible) {
            return;
        }
        thread.interrupt();
        HostConnection c = connection.get();
        if (c != null) {
            c.stopCommands();
        }
    }
}
