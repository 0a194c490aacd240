package dev.mesh.core.provision;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A request to stop runs (Ctrl-C, SIGTERM), shared by every host of a run. Thread-safe.
 *
 * <p>Minimal version by the fleet branch, in the shape contracts.md item 1 fixes; the sequence
 * engineer's version replaces it.
 */
public final class StopSignal {
    private static final StopSignal NEVER = new StopSignal(false);

    private final boolean stoppable;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    public StopSignal() {
        this(true);
    }

    private StopSignal(boolean stoppable) {
        this.stoppable = stoppable;
    }

    /** A signal nobody can request: for runs that cannot be stopped. */
    public static StopSignal never() {
        return NEVER;
    }

    /** Asks every run to stop at its next safe point; runs each {@link #onStop} action once. */
    public void requestStop() {
        if (!stoppable) {
            return;
        }
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        actions.forEach(StopSignal::runQuietly);
    }

    public boolean stopRequested() {
        return stopped;
    }

    /** Runs {@code action} when stop is requested, or at once if it already was. */
    public void onStop(Runnable action) {
        if (!stoppable) {
            return;
        }
        actions.add(action);
        if (stopped) {
            runQuietly(action);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // one action's failure must not keep the others from running
        }
    }
}
