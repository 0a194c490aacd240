package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostLocking;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.core.ssh.CommandStoppedException;
import java.time.Duration;
import java.util.Optional;

/**
 * HOST_LOCKING: one mesh run per host at a time. The plugin's lock command ({@link HostLocking}) runs
 * on its own channel with its standard input held open ({@link HostConnection#hold}) until the run
 * ends, so the lock lives exactly as long as this run's SSH connection: a crashed or killed mesh never
 * leaves it taken. Another run's lock is waited for up to {@code mesh.timeouts.host-lock}, then the run
 * stops with HOST_BUSY, before anything is minted or changed.
 */
final class HostLock implements AutoCloseable {
    /** Time for the lock command to start and answer, on top of the wait it is given. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(15);

    private final HeldCommand held;

    private HostLock(HeldCommand held) {
        this.held = held;
    }

    /**
     * Takes the lock, waiting up to {@code wait} for another run's.
     *
     * @return the lock, or empty when the host's locking program did not work (the run goes on
     *         unlocked, with a warning)
     * @throws StepFailedException HOST_BUSY when another run kept the lock for all of {@code wait}
     * @throws CommandStoppedException when the run was stopped while waiting
     */
    static Optional<HostLock> take(String command, HostConnection connection, Duration wait, StepListener listener,
                                   String hostName) {
        HeldCommand held = connection.hold(command);
        long deadline = System.nanoTime() + wait.plus(ANSWER_MARGIN).toNanos();
        boolean waiting = false;
        try {
            while (true) {
                Optional<String> line = held.nextLine(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (Thread.currentThread().isInterrupted()) {
                    throw new CommandStoppedException("mesh was stopped while waiting for the lock on " + hostName);
                }
                if (line.isPresent() && line.get().strip().equals(HostLocking.HELD)) {
                    listener.ok("Locked " + hostName + " for this run (one mesh run per host at a time)");
                    HostLock lock = new HostLock(held);
                    held = null;
                    return Optional.of(lock);
                }
                if (line.isPresent() && line.get().strip().equals(HostLocking.WAITING)) {
                    waiting = true;
                    listener.info("Another mesh run holds the lock on " + hostName + "; waiting up to "
                            + wait.toSeconds() + " s for it to finish (mesh.timeouts.host-lock)");
                    continue;
                }
                if (line.isPresent() && !line.get().strip().equals(HostLocking.BUSY)) {
                    continue; // a line of the host's own (a login banner, a warning): not the protocol's
                }
                if (line.isPresent() || waiting) {
                    throw new StepFailedException(FailureReason.HOST_BUSY, "another mesh run is in progress on "
                            + hostName + ": it held mesh's lock on the host for all of the " + wait.toSeconds()
                            + " s this run waited (mesh.timeouts.host-lock)");
                }
                listener.warn("Could not take mesh's lock on " + hostName + " (" + firstLine(held.output())
                        + "); another mesh run on this host at the same time is not prevented");
                return Optional.empty();
            }
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }

    private static String firstLine(String output) {
        String first = output.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        return first.isEmpty() ? "its lock command gave no answer" : first;
    }

    /** Releases the lock: the lock command's input is closed, so it exits. Never throws. */
    @Override
    public void close() {
        held.close();
    }
}
