package dev.mesh.cli;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The marks in front of lines: ✓ ℹ ⚠ ✗ where the terminal's character set is UTF-8, and plain
 * ASCII ({@code [ok]}, {@code [i]}, {@code [!!]}, {@code [x]}) where it is not ({@code LC_ALL=C}),
 * so success and failure never both print as {@code ?}.
 *
 * @param ok      something succeeded
 * @param info    a status line
 * @param warn    something is wrong, the run goes on (also: a manual step, an interrupted host)
 * @param error   a failure
 * @param rule    the line drawn around section titles
 */
record Markers(String ok, String info, String warn, String error, String rule) {
    static final Markers UNICODE = new Markers("✓", "ℹ", "⚠", "✗", "──");
    static final Markers ASCII = new Markers("[ok]", "[i]", "[!!]", "[x]", "--");

    /** The locale variables in the order the C library consults them for the character set (LC_CTYPE). */
    private static final List<String> LOCALE_VARIABLES = List.of("LC_ALL", "LC_CTYPE", "LANG");

    /**
     * UNICODE when the locale's character set is UTF-8: the first of {@code LC_ALL}, {@code LC_CTYPE},
     * {@code LANG} that is set and not empty decides, as in setlocale(3); with none set, the JVM's
     * {@code stdout.encoding} (JDK 19+) or {@code native.encoding}, which the JDK derived from the same locale.
     */
    static Markers of(Map<String, String> env) {
        for (String name : LOCALE_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return utf8(value) ? UNICODE : ASCII;
            }
        }
        String jvm = System.getProperty("stdout.encoding", System.getProperty("native.encoding",
                Charset.defaultCharset().name()));
        return utf8(jvm) ? UNICODE : ASCII;
    }

    /** {@code C.UTF-8}, {@code en_US.utf8}, {@code UTF-8}: any spelling of UTF-8. */
    private static boolean utf8(String localeOrCharset) {
        return localeOrCharset.toUpperCase(Locale.ROOT).replace("-", "").contains("UTF8");
    }

    boolean unicode() {
        return this == UNICODE || ok.equals(UNICODE.ok);
    }
}
