package dev.mesh.core.text;

import java.util.List;

/**
 * The one place text is made safe to show: every string bound for a terminal, a log or JSON output
 * passes through {@link #of(String)}, so a new message cannot forget. It
 * <ol>
 *   <li>replaces every live secret with {@code ****} ({@link LiveSecrets});</li>
 *   <li>escapes control characters ({@link ControlChars}; line feeds stay line breaks);</li>
 *   <li>caps each line at {@value #MAX_LINE_CHARS} characters, the lines at {@value #HEAD_LINES} first
 *       and {@value #TAIL_LINES} last, and the whole at {@value #MAX_CHARS} characters, saying what was
 *       left out ("… 120 more lines", "… (5000 more characters)").</li>
 * </ol>
 */
public final class DisplayText {
    /** Longest line shown, in characters. */
    public static final int MAX_LINE_CHARS = 1000;
    /** Lines shown from the start of a long text. */
    public static final int HEAD_LINES = 40;
    /** Lines shown from its end (an error often comes last). */
    public static final int TAIL_LINES = 10;
    /** Longest text shown, in characters. */
    public static final int MAX_CHARS = 16 * 1024;

    private DisplayText() {
    }

    /** {@code text} scrubbed, escaped and capped; null becomes "null" (as println would print it). */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        String scrubbed = LiveSecrets.scrub(text);
        if (scrubbed.length() <= MAX_LINE_CHARS && ControlChars.isClean(scrubbed, true)
                && scrubbed.indexOf('\n') < 0) {
            return scrubbed; // the common case: one short clean line
        }
        String escaped = LiveSecrets.scrub(ControlChars.escape(scrubbed, true));
        return capTotal(capLines(escaped));
    }

    /** One value on one line: scrubbed, every control character escaped (line feeds too), capped. */
    public static String inline(String text) {
        return text == null ? "null" : of(ControlChars.escape(LiveSecrets.scrub(text)));
    }

    private static String capLines(String text) {
        List<String> lines = text.lines().toList();
        StringBuilder out = new StringBuilder();
        int omitted = Math.max(0, lines.size() - HEAD_LINES - TAIL_LINES);
        for (int i = 0; i < lines.size(); i++) {
            if (omitted > 0 && i == HEAD_LINES) {
                out.append("… ").append(omitted).append(" more lines\n");
                i += omitted - 1;
                continue;
            }
            String line = lines.get(i);
            if (line.length() > MAX_LINE_CHARS) {
                line = cut(line, MAX_LINE_CHARS) + "… (" + (line.length() - MAX_LINE_CHARS) + " more characters)";
            }
            out.append(line).append('\n');
        }
        if (!text.endsWith("\n") && out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static String capTotal(String text) {
        if (text.length() <= MAX_CHARS) {
            return text;
        }
        return cut(text, MAX_CHARS) + "… (" + (text.length() - MAX_CHARS) + " more characters)";
    }

    /** The first {@code n} characters, not splitting a surrogate pair. */
    private static String cut(String s, int n) {
        int end = Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n;
        return s.substring(0, end);
    }
}
