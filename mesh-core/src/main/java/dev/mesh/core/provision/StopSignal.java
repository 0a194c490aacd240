package dev.mesh.core.provision;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The operator's request to stop (Ctrl-C, SIGTERM), shared by the CLI and every run it started. The
 * CLI calls {@link #requestStop()} from its signal handler; each run registers with {@link #onStop} what
 * ends its remote work (the running command, on the host), then finishes on its own thread: it cleans up
 * what it put on the host, expires its key and ends with {@link ProvisioningOutcome.Interrupted}.
 * Thread-safe; stopping is one-way.
 */
public final class StopSignal {
    private static final StopSignal NEVER = new StopSignal(false);

    private final boolean stoppable;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    public StopSignal() {
        this(true);
    }

    private StopSignal(boolean stoppable) {
        this.stoppable = stoppable;
    }

    /** A signal that is never raised: for runs nothing can stop (tests, library use). */
    public static StopSignal never() {
        return NEVER;
    }

    /** Asks every run to stop: runs each registered action once, on the calling thread. Nothing for {@link #never()}. */
    public void requestStop() {
        if (!stoppable) {
            return;
        }
        List<Runnable> toRun;
        synchronized (this) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(StopSignal::runQuietly);
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Runs {@code action} when stop is requested; at once when it already was. */
    public void onStop(Runnable action) {
        if (!stoppable) {
            return;
        }
        synchronized (this) {
            if (!stopRequested) {
                actions.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Forgets {@code action} (a run that ended no longer needs stopping). */
    void remove(Runnable action) {
        actions.remove(action);
    }

    /** One failing action must not keep the others from running, nor kill the signal handler. */
    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // the run that registered it reports what it could not stop when it ends
        }
    }
}
