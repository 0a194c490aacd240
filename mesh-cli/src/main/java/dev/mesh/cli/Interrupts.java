package dev.mesh.cli;

import dev.mesh.core.provision.StopSignal;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * SIGINT (Ctrl-C) and SIGTERM in the {@code mesh} process. While a command that can stop cleanly runs
 * ({@link #stoppable()}: provisioning), the first signal raises the {@link StopSignal}: the run ends
 * its remote command, removes its files from the host, expires its key and exits 130 with a word on
 * what the host was left in. A second signal exits 130 at once. Any other command exits 130 on the
 * first signal. {@code sun.misc.Signal} (module jdk.unsupported) is the JDK's only way to handle
 * these signals without ending the JVM; a shutdown hook could not change the exit code.
 */
final class Interrupts {
    /** The exit code after an interrupt: 128 + SIGINT, as shells report it. */
    static final int EXIT_CODE = 130;

    private final StopSignal signal = new StopSignal();
    private final AtomicInteger received = new AtomicInteger();
    private final PrintWriter err;
    private volatile boolean stoppable;

    private Interrupts(PrintWriter err) {
        this.err = err;
    }

    /** Handles SIGINT and SIGTERM from now on, for the whole process. */
    static Interrupts install(PrintWriter err) {
        Interrupts interrupts = new Interrupts(err);
        Signal.handle(new Signal("INT"), s -> interrupts.received());
        Signal.handle(new Signal("TERM"), s -> interrupts.received());
        return interrupts;
    }

    /** What the signals raise. */
    StopSignal signal() {
        return signal;
    }

    /** The running command stops cleanly on the first signal (it watches {@link #signal()}). */
    void stoppable() {
        stoppable = true;
    }

    /** On the JVM's signal thread, one per signal. */
    private void received() {
        if (received.incrementAndGet() > 1 || !stoppable) {
            err.flush();
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        err.println();
        err.println("mesh: stopping: ending the remote command, removing mesh's files from the host and expiring"
                + " the key (press Ctrl-C again to quit at once)");
        err.flush();
        signal.requestStop();
    }
}
