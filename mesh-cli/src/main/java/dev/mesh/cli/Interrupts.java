package dev.mesh.cli;

import dev.mesh.core.provision.StopSignal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.jline.utils.Signals;

/**
 * Ctrl-C and SIGTERM during a run (contracts.md item 1): the first signal requests a stop
 * ({@link StopSignal#requestStop}: no new host starts, running hosts end their command and reach a
 * safe point, then the summary is printed and mesh exits 130); a second exits at once with 130.
 * Handlers are installed through JLine's {@link Signals} ({@code sun.misc.Signal}, reached
 * reflectively: module jdk.unsupported) and the previous ones restored on {@link #close}.
 */
final class Interrupts implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Map<String, Object> previous = new LinkedHashMap<>();
    private final AtomicInteger received = new AtomicInteger();

    private Interrupts() {
    }

    /**
     * @param stop     requested at the first signal
     * @param onFirst  told at the first signal (the view says "stopping")
     * @param exitNow  called with 130 at the second signal, on a thread of its own
     */
    static Interrupts install(StopSignal stop, Runnable onFirst, IntConsumer exitNow) {
        Interrupts interrupts = new Interrupts();
        for (String name : SIGNALS) {
            try {
                interrupts.previous.put(name, Signals.register(name, () -> interrupts.signalled(stop, onFirst, exitNow)));
            } catch (RuntimeException e) {
                // a platform without this signal (TERM on some JVMs): Ctrl-C still works
            }
        }
        return interrupts;
    }

    /** What the handlers do; also what tests call in place of a real signal. */
    void signalled(StopSignal stop, Runnable onFirst, IntConsumer exitNow) {
        if (received.incrementAndGet() == 1) {
            Thread t = new Thread(() -> {
                onFirst.run();
                stop.requestStop();
            }, "mesh-stop");
            t.setDaemon(true);
            t.start();
        } else {
            Thread t = new Thread(() -> exitNow.accept(ExitCodes.INTERRUPTED), "mesh-exit");
            t.setDaemon(true);
            t.start();
        }
    }

    /** The second signal's exit: at once, with {@code code}; halts if shutdown does not finish in 2 s. */
    static void exit(int code) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code);
        }, "mesh-exit-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(code);
    }

    /** Whether a signal arrived. */
    boolean received() {
        return received.get() > 0;
    }

    @Override
    public void close() {
        previous.forEach((name, handler) -> {
            try {
                Signals.unregister(name, handler);
            } catch (RuntimeException e) {
                // restoring is best effort
            }
        });
    }
}
