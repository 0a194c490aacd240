package dev.mesh.cli;

import dev.mesh.core.fleet.FleetRun;

/**
 * How a run's progress is shown while it runs: {@link SectionedView} (one host: the seed's sections),
 * {@link LiveView} (many hosts on a terminal: one line each, redrawn), {@link PlainView} (many hosts
 * elsewhere, or {@code NO_COLOR}, {@code -v}, {@code --output json}: one line per step change,
 * prefixed with the host's name). Called from the hosts' threads.
 */
interface FleetView extends FleetRun.Progress, AutoCloseable {
    /**
     * A line outside the steps (a host key recorded, an ssh config warning, a remote command with
     * {@code -v}, "stopping"); {@code host} names the host it is about, or is null.
     */
    void note(String host, String line);

    /** Stop was requested: say that no new host starts and running hosts are ending. */
    default void stopping() {
        note(null, "Stopping: no new host starts; running hosts stop at a safe point (Ctrl-C again exits at once)");
    }

    /** Ends the view (the live view leaves its last frame on the screen). */
    @Override
    void close();
}
