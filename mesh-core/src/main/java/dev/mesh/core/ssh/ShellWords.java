package dev.mesh.core.ssh;

import dev.mesh.api.Quoting;
import java.util.regex.Pattern;

/** Quoting for the commands mesh suggests to the operator (POSIX shell), readable where it can be. */
public final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellWords() {
    }

    /** {@code word} as one shell word: unchanged when it needs no quotes, else in single quotes. */
    public static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return Quoting.sh(word);
    }
}
