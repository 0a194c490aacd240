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
    private final Markers marks;

    /** With the UTF-8 marks. */
    public Console(PrintWriter out, PrintWriter err, boolean color) {
        this(out, err, color, Markers.UNICODE);
    }

    Console(PrintWriter out, PrintWriter err, boolean color, Markers marks) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.marks = marks;
    }

    /** Colour and marks as the environment asks ({@code NO_COLOR}, the locale's character set). */
    static Console of(PrintWriter out, PrintWriter err, java.util.Map<String, String> env) {
        return new Console(out, err, colorWanted(env), Markers.of(env));
    }

    Markers marks() {
        return marks;
    }

    boolean color() {
        return color;
    }

    /** The same console with its lines on standard error (when standard output carries JSON). */
    Console toErr() {
        return new Console(err, err, color, marks);
    }

    /** Colour only on an interactive terminal and when {@code NO_COLOR} is unset (no-color.org). */
    public static boolean colorWanted(java.util.Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return System.console() != null && (noColor == null || noColor.isEmpty());
    }

    @Override
    public void section(String title) {
        out.println();
        out.println(paint(BOLD, marks.rule() + " " + DisplayText.of(title) + " " + marks.rule()));
        out.flush();
    }

    @Override
    public void info(String message) {
        line(out, BLUE, marks.info(), message);
    }

    @Override
    public void ok(String message) {
        line(out, GREEN, marks.ok(), message);
    }

    @Override
    public void warn(String message) {
        line(out, YELLOW, marks.warn(), message);
    }

    /** A failure line (✗), on standard error. */
    public void error(String message) {
        line(err, RED, marks.error(), message);
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

    /** {@code text} in the colour of an outcome's mark: ok, warn or error. */
    String paintOk(String text) {
        return paint(GREEN, text);
    }

    String paintWarn(String text) {
        return paint(YELLOW, text);
    }

    String paintError(String text) {
        return paint(RED, text);
    }

    private String paint(String colour, String text) {
        return color ? colour + text + RESET : text;
    }
}
