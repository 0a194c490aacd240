package dev.mesh.cli;

import dev.mesh.api.StepListener;
import dev.mesh.core.text.DisplayText;
import java.io.PrintWriter;

/**
 * Renders progress like the seed: section headers and ✓ ℹ ⚠ ✗ lines, in colour on a terminal and
 * plain when output is redirected or {@code NO_COLOR} is set.
 *
 * <p>Every text it is given (titles, messages, causes, hints, instructions) passes through
 * {@link DisplayText#of} before it is printed: live secrets replaced by {@code ****}, control
 * characters from hosts and servers shown escaped ({@code \x1b}, {@code \u202e}), lines and length
 * capped. The console's own marks and colours are added afterwards, so they are the only escape
 * sequences it prints.
 */
public final class Console implements StepListener {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String GREEN = "\u001b[32m";
    private static final String BLUE = "\u001b[34m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean color;

    public Console(PrintWriter out, PrintWriter err, boolean color) {
        this.out = out;
        this.err = err;
        this.color = color;
    }

    /** Colour only on an interactive terminal and when {@code NO_COLOR} is unset (no-color.org). */
    public static boolean colorWanted(java.util.Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty());
    }

    @Override
    public void section(String title) {
        out.println();
        out.println(paint(BOLD, "── " + DisplayText.of(title) + " ──"));
        out.flush();
    }

    @Override
    public void info(String message) {
        line(out, BLUE, "ℹ", message);
    }

    @Override
    public void ok(String message) {
        line(out, GREEN, "✓", message);
    }

    @Override
    public void warn(String message) {
        line(out, YELLOW, "⚠", message);
    }

    /** A failure line (✗), on standard error. */
    public void error(String message) {
        line(err, RED, "✗", message);
    }

    /** A plain line on standard output. */
    public void plain(String message) {
        out.println(DisplayText.of(message));
        out.flush();
    }

    private void line(PrintWriter w, String colour, String mark, String message) {
        String[] lines = DisplayText.of(message).split("\n", -1);
        w.println(paint(colour, mark) + " " + lines[0]);
        for (int i = 1; i < lines.length; i++) {
            w.println("  " + lines[i]);
        }
        w.flush();
    }

    private String paint(String colour, String text) {
        return color ? colour + text + RESET : text;
    }
}
