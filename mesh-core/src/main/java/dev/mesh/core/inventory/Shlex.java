package dev.mesh.core.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line into words as Python's {@code shlex.split(line, comments=True)} does (POSIX mode),
 * which is how Ansible's INI inventory reads a host line: whitespace separates words; single quotes
 * keep everything literally; in double quotes a backslash escapes only {@code "} and {@code \};
 * outside quotes a backslash escapes any character; an unquoted {@code #} ends the line. No Java
 * library reproduces these rules, hence this small state machine (see {@code AnsibleIniPropertiesTest}).
 */
final class Shlex {
    private static final String WHITESPACE = " \t\r\n";

    private Shlex() {
    }

    /** @throws IllegalArgumentException "No closing quotation" or "No escaped character", as shlex says */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char state = ' ';
        char escaped = 'a';
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (state == ' ' || state == 'a') {
                if (WHITESPACE.indexOf(c) >= 0) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                    state = ' ';
                } else if (c == '#') {
                    break;
                } else if (c == '\'' || c == '"') {
                    state = c;
                    inWord = true;
                } else if (c == '\\') {
                    escaped = 'a';
                    state = '\\';
                    inWord = true;
                } else {
                    word.append(c);
                    state = 'a';
                    inWord = true;
                }
            } else if (state == '\\') {
                if (escaped == '"' && c != '\\' && c != '"') {
                    word.append('\\'); // in double quotes only \" and \\ are escapes
                }
                word.append(c);
                state = escaped;
            } else if (c == state) {
                state = 'a';
            } else if (state == '"' && c == '\\') {
                escaped = '"';
                state = '\\';
            } else {
                word.append(c);
            }
        }
        if (state == '\'' || state == '"') {
            throw new IllegalArgumentException("No closing quotation");
        }
        if (state == '\\') {
            throw new IllegalArgumentException("No escaped character");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
