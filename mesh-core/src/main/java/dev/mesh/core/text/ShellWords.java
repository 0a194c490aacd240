package dev.mesh.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command written as one string ({@code mesh.headscale.command = "docker exec headscale
 * headscale"}) into words the way a POSIX shell does (XCU 2.2 Quoting, 2.6.5 Field Splitting), without
 * running one: blanks separate words; {@code '…'} keeps everything literally; {@code "…"} keeps
 * everything but a backslash before {@code $ ` " \} or a newline; a backslash outside quotes keeps
 * the next character. Nothing is expanded, so characters a shell would act on ({@code $ ` ; | & < >
 * ( )}) are refused unless quoted: the words are run as an argument vector, and a command that only a
 * shell could run belongs in a HOCON list or a script. Glob characters are taken literally.
 *
 * <p>Commons Exec's {@code CommandLine.parse} was not used: it knows no backslash escapes and quotes
 * arguments with blanks again when it builds the argument vector.
 */
public final class ShellWords {
    private static final String OPERATORS = "$`;|&<>()";

    private ShellWords() {
    }

    /**
     * @return the words; empty for a blank line
     * @throws IllegalArgumentException for an unterminated quote, a trailing backslash or an unquoted
     *                                  shell operator; the message names the problem and its position
     */
    public static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                i++;
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote at character " + (i + 1));
                }
                word.append(line, i + 1, end);
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i, word);
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("a backslash ends the command");
                }
                if (line.charAt(i + 1) != '\n') { // backslash-newline joins lines
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else if (OPERATORS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' at character " + (i + 1) + " needs a shell, and"
                        + " this command is not run by one: quote it, or give the words as a list");
            } else {
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** Reads {@code "…"} starting at {@code open}; returns the index after the closing quote. */
    private static int doubleQuoted(String line, int open, StringBuilder word) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
                if (line.charAt(i + 1) != '\n') {
                    word.append(line.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$' || c == '`') {
                throw new IllegalArgumentException("'" + c + "' at character " + (i + 1) + " would be expanded by"
                        + " a shell, and this command is not run by one: use '…' quotes");
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated \" quote at character " + (open + 1));
    }
}
