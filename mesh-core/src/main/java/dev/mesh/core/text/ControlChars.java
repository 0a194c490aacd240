package dev.mesh.core.text;

/**
 * Shows the characters that steer a terminal as visible escapes, so text from a host or a server
 * cannot move the cursor, recolour, rewrite a line, set the clipboard (OSC 52) or reorder what the
 * operator reads (bidi overrides):
 * <ul>
 *   <li>C0 controls and DEL as {@code \xHH} ({@code ESC} is {@code \x1b}, {@code CR} is {@code \x0d});</li>
 *   <li>C1 controls (U+0080–U+009F), format characters (Unicode category Cf: bidi embeddings,
 *       overrides and isolates such as U+202E, zero-width characters), line and paragraph separators
 *       and lone surrogates as {@code \\uHHHH}.</li>
 * </ul>
 * Tab is kept; line feed is kept by {@link #escape(String, boolean)} when asked to.
 */
public final class ControlChars {
    private ControlChars() {
    }

    /** {@code text} on one line: every control character escaped, line feeds included. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * @param keepNewlines keep {@code \n} as a line break (multi-line messages)
     */
    public static String escape(String text, boolean keepNewlines) {
        if (text == null) {
            return null;
        }
        if (isClean(text, keepNewlines)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, text.charAt(i + 1));
                if (Character.getType(cp) == Character.FORMAT) {
                    out.append(String.format("\\U%08x", cp)); // tag characters (U+E0001...)
                } else {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (isSafe(c, keepNewlines)) {
                out.append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** Whether {@code text} has nothing {@link #escape(String, boolean)} would change. */
    public static boolean isClean(String text, boolean keepNewlines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                return false; // checked as a pair by escape
            }
            if (!isSafe(c, keepNewlines)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSafe(char c, boolean keepNewlines) {
        if (c == '\t' || (c == '\n' && keepNewlines)) {
            return true;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE,
                    Character.CONTROL -> false;
            default -> true;
        };
    }
}
