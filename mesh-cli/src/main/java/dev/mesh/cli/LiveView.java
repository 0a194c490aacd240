package dev.mesh.cli;

import dev.mesh.api.StepListener;
import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningState;
import dev.mesh.core.text.DisplayText;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;

/**
 * The live view of a fleet run on a terminal: one line per host (name, current step, elapsed time)
 * that turns into ✓/✗/⚠ with the Tailscale IP or the failure reason, and a footer with the counts,
 * redrawn in place with JLine's {@link Display} (which computes the cursor movements from the
 * terminal's terminfo entry: no hand-written escape codes). Lines outside the steps (host keys
 * recorded, warnings) are printed above the view. When the hosts do not fit the terminal's height,
 * finished hosts move above the view as well, and the view keeps the running ones.
 *
 * <p>The terminal is JLine's {@code exec} provider ({@code stty} through a process, no native code
 * and no JNI/FFM), so it works in the jlink runtime image with java.base alone; signals are left to
 * {@link Interrupts} ({@code nativeSignals(false)}). Every text a host or server supplied passes
 * through {@link DisplayText} first.
 */
final class LiveView implements FleetView {
    private static final long TICK_MS = 500;

    private final Terminal terminal;
    private final Display display;
    private final Markers marks;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private final int total;
    private int done;
    private boolean stopping;
    private boolean closed;

    /** One host's line. */
    private static final class Row {
        final String name;
        String step = "waiting";
        long startNanos;
        String end; // the final line, once finished
        HostOutcome outcome;

        Row(String name) {
            this.name = name;
        }
    }

    private LiveView(Terminal terminal, List<String> names, Markers marks) {
        this.terminal = terminal;
        this.marks = marks;
        this.display = new Display(terminal, false);
        names.forEach(n -> rows.put(n, new Row(n)));
        this.total = names.size();
        display.resize(terminal.getHeight(), terminal.getWidth());
        terminal.puts(InfoCmp.Capability.cursor_invisible);
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mesh-live-view");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redraw, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * The live view on the process's terminal (standard output), or empty when there is none that
     * can redraw (not a terminal, a dumb one, or JLine cannot drive it).
     */
    static Optional<LiveView> open(List<String> names, Markers marks) {
        Logger.getLogger("org.jline").setLevel(Level.OFF); // a failed probe is not the operator's business
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).provider("exec").dumb(false)
                    .systemOutput(TerminalBuilder.SystemOutput.SysOut).nativeSignals(false).paused(true).build();
            if (terminal.getType().startsWith("dumb") || terminal.getWidth() < 20
                    || terminal.getStringCapability(InfoCmp.Capability.cursor_up) == null) {
                terminal.close();
                return Optional.empty();
            }
            return Optional.of(new LiveView(terminal, names, marks));
        } catch (IOException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** A view on a given terminal (tests drive it on a virtual one). */
    static LiveView on(Terminal terminal, List<String> names, Markers marks) {
        return new LiveView(terminal, names, marks);
    }

    @Override
    public StepListener listener(FleetRun.Host host) {
        Row row = rows.get(host.name());
        return new StepListener() {
            @Override
            public void section(String title) {
                ProvisioningState state = HostOutcome.state(title);
                synchronized (LiveView.this) {
                    row.step = state == null ? title : state.name() + "  " + title;
                }
                redraw();
            }

            @Override
            public void info(String message) {
            }

            @Override
            public void ok(String message) {
            }

            @Override
            public void warn(String message) {
                note(host.name(), marks.warn() + " " + message);
            }
        };
    }

    @Override
    public synchronized void started(FleetRun.Host host) {
        Row row = rows.get(host.name());
        row.startNanos = System.nanoTime();
        row.step = "connecting";
    }

    @Override
    public void finished(FleetRun.HostResult result) {
        synchronized (this) {
            Row row = rows.get(result.host().name());
            row.outcome = HostOutcome.of(result);
            row.end = FleetText.outcome(result) + (result.started() ? " (" + FleetText.elapsed(result.elapsed()) + ")" : "");
            done++;
            if (!fits()) {
                printAbove(finalLine(row));
                rows.remove(row.name);
            }
        }
        redraw();
    }

    @Override
    public synchronized void stopping() {
        stopping = true;
        redraw();
    }

    @Override
    public synchronized void note(String host, String line) {
        if (closed) {
            return;
        }
        String text = DisplayText.of(line).lines().findFirst().orElse("");
        printAbove(new AttributedString(host == null ? text : DisplayText.of(host) + ": " + text));
        redraw();
    }

    /** Whether every host and the footer fit on the screen at once. */
    private boolean fits() {
        return total + 1 < terminal.getHeight();
    }

    private void printAbove(AttributedString line) {
        display.update(List.of(), 0);
        terminal.writer().println(line.toAnsi(terminal));
        terminal.flush();
    }

    private synchronized void redraw() {
        if (closed) {
            return;
        }
        display.resize(terminal.getHeight(), terminal.getWidth());
        display.update(frame(), -1);
    }

    private List<AttributedString> frame() {
        int width = terminal.getWidth() - 1;
        int nameWidth = Math.min(24, rows.keySet().stream().mapToInt(String::length).max().orElse(4));
        List<AttributedString> lines = new ArrayList<>();
        int waiting = 0;
        int shown = 0;
        int room = terminal.getHeight() - 2;
        for (Row r : rows.values()) {
            if (!fits() && r.startNanos == 0) {
                waiting++;
                continue;
            }
            if (shown++ >= room) {
                continue;
            }
            lines.add((r.end != null ? finalLine(r, nameWidth) : runningLine(r, nameWidth)).columnSubSequence(0, width));
        }
        lines.add(footer(waiting).columnSubSequence(0, width));
        return lines;
    }

    private AttributedString runningLine(Row r, int nameWidth) {
        String elapsed = r.startNanos == 0 ? "" : FleetText.elapsed(Duration.ofNanos(System.nanoTime() - r.startNanos));
        return new AttributedStringBuilder().append(" ".repeat(marks.ok().length() + 1))
                .append(pad(r.name, nameWidth)).append("  ")
                .append(pad(r.step, 40), AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN))
                .append(" ").append(elapsed).toAttributedString();
    }

    private AttributedString finalLine(Row r) {
        return finalLine(r, r.name.length());
    }

    private AttributedString finalLine(Row r, int nameWidth) {
        int colour = switch (r.outcome) {
            case SUCCESS -> AttributedStyle.GREEN;
            case FAILED -> AttributedStyle.RED;
            default -> AttributedStyle.YELLOW;
        };
        return new AttributedStringBuilder()
                .append(pad(FleetText.mark(r.outcome, marks), marks.ok().length()), AttributedStyle.DEFAULT.foreground(colour))
                .append(" ").append(pad(r.name, nameWidth)).append("  ").append(DisplayText.of(r.end))
                .toAttributedString();
    }

    private AttributedString footer(int waiting) {
        String text = done + " of " + total + " done" + (waiting > 0 ? ", " + waiting + " waiting" : "")
                + (stopping ? " · stopping: running hosts end at a safe point (Ctrl-C again exits at once)"
                        : done < total ? " · Ctrl-C stops" : "");
        return new AttributedString(text, AttributedStyle.DEFAULT.faint());
    }

    private static String pad(String text, int width) {
        String safe = DisplayText.of(text).lines().findFirst().orElse("");
        return safe.length() >= width ? safe.substring(0, width) : safe + " ".repeat(width - safe.length());
    }

    /** Draws the last frame, leaves the cursor below it and gives the terminal back. */
    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (this) {
            if (closed) {
                return;
            }
            display.update(frame(), -1);
            closed = true;
            terminal.writer().println();
            terminal.puts(InfoCmp.Capability.cursor_visible);
            terminal.flush();
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // the view is over; nothing to restore that close could not
        }
    }
}
