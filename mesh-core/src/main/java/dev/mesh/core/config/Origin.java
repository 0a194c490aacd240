package dev.mesh.core.config;

import com.typesafe.config.ConfigOrigin;
import java.util.Objects;

/**
 * Where an effective value came from, for {@code mesh config} and {@code mesh host show} (like
 * {@code ssh -G} or {@code ansible-config dump}).
 *
 * @param kind   which layer
 * @param source DEFAULT: what supplied the default (e.g. {@code reference.conf}); FILE: the file's
 *               path; ENVIRONMENT: the variable's name; FLAG: the option or setting it set
 * @param line   FILE: the 1-based line; otherwise 0
 * @param note   what within the source, e.g. {@code tag web} in an inventory; may be empty
 */
public record Origin(Kind kind, String source, int line, String note) {

    /** The layers, lowest precedence first. */
    public enum Kind {
        /** Built in: a {@code reference.conf}, or mesh's own fallback. */
        DEFAULT,
        /** A configuration or inventory file, with its line. */
        FILE,
        /** An environment variable. */
        ENVIRONMENT,
        /** A command-line flag (or the {@code USER@} of a HOST argument). */
        FLAG
    }

    public Origin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(note, "note");
    }

    /** A built-in default, described by {@code source} (e.g. "local user name"). */
    public static Origin byDefault(String source) {
        return new Origin(Kind.DEFAULT, source, 0, "");
    }

    public static Origin file(String path, int line, String note) {
        return new Origin(Kind.FILE, path, line, note);
    }

    public static Origin environment(String variable) {
        return new Origin(Kind.ENVIRONMENT, variable, 0, "");
    }

    public static Origin flag(String option) {
        return new Origin(Kind.FLAG, option, 0, "");
    }

    /** A Typesafe origin from a parsed file or a {@code reference.conf} resource. */
    public static Origin of(ConfigOrigin origin) {
        if (origin.resource() != null) { // a reference.conf; checked first: in a build it is also a file
            String url = origin.url() == null ? "" : origin.url().toString();
            int bang = url.indexOf("!/");
            String jar = url.startsWith("jar:") && bang > 0 ? url.substring(url.lastIndexOf('/', bang) + 1, bang) : "";
            return new Origin(Kind.DEFAULT, origin.resource(), 0, jar);
        }
        if (origin.filename() != null) {
            return file(origin.filename(), Math.max(origin.lineNumber(), 0), "");
        }
        return byDefault(origin.description());
    }

    /** The same origin with {@code note} added, e.g. {@code tag web}. */
    public Origin withNote(String text) {
        return new Origin(kind, source, line, text);
    }

    /** e.g. {@code /home/u/.config/mesh/hosts.conf:12 (tag web)}, {@code environment MESH_SSH_PORT}. */
    @Override
    public String toString() {
        if (kind == Kind.DEFAULT && !note.isEmpty()) {
            return "default (" + source + " in " + note + ")";
        }
        String base = switch (kind) {
            case DEFAULT -> "default (" + source + ")";
            case FILE -> source + (line > 0 ? ":" + line : "");
            case ENVIRONMENT -> "environment " + source;
            case FLAG -> "command line " + source;
        };
        return note.isEmpty() ? base : base + " (" + note + ")";
    }
}
