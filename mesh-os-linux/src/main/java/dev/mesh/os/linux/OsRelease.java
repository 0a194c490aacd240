package dev.mesh.os.linux;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of {@code /etc/os-release} mesh uses (see os-release(5)). Values may be unquoted,
 * double-quoted (with backslash escapes for {@code $ " \ `}) or single-quoted.
 *
 * @param id        {@code ID}, e.g. {@code debian}; empty when absent
 * @param versionId {@code VERSION_ID}, e.g. {@code 12}; empty when absent (rolling releases)
 * @param idLike    {@code ID_LIKE}, space-separated ids of related distributions, closest first
 */
record OsRelease(String id, String versionId, List<String> idLike) {

    static final OsRelease EMPTY = new OsRelease("", "", List.of());

    OsRelease {
        idLike = List.copyOf(idLike);
    }

    /** Parses the text of an os-release file; unknown or malformed lines are ignored. */
    static OsRelease parse(String text) {
        Map<String, String> fields = fields(text);
        String like = fields.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT).strip();
        return new OsRelease(fields.getOrDefault("ID", "").toLowerCase(Locale.ROOT),
                fields.getOrDefault("VERSION_ID", ""),
                like.isEmpty() ? List.of() : Arrays.asList(like.split("\\s+")));
    }

    /** All {@code KEY=value} assignments, values unquoted. */
    static Map<String, String> fields(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            fields.put(trimmed.substring(0, eq).strip(), unquote(trimmed.substring(eq + 1).strip()));
        }
        return fields;
    }

    /** Removes shell-style quoting from one value. */
    static String unquote(String raw) {
        if (raw.length() >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
            String inner = raw.substring(1, raw.length() - 1);
            StringBuilder sb = new StringBuilder(inner.length());
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length() && "$\"\\`".indexOf(inner.charAt(i + 1)) >= 0) {
                    c = inner.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return raw;
    }
}
