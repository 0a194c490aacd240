package dev.mesh.core.ssh.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of an ssh config file, split as OpenSSH's readconf.c splits it: the keyword (case
 * folded) ends at whitespace, a double quote or one {@code =}; the arguments follow
 * {@code argv_split()}: separated by spaces or tabs, {@code "..."} or {@code '...'} quoting,
 * backslash escaping a quote, a backslash or (outside quotes) a space, and a {@code #} at the start
 * of an argument beginning a comment.
 *
 * @param keyword the keyword in lower case
 * @param written the keyword as written, for messages
 * @param args    the arguments, at least one
 * @param rest    the text after the keyword, as ProxyJump and ProxyCommand read it
 * @param origin  file and line
 */
record ConfigLine(String keyword, String written, List<String> args, String rest, Origin origin) {

    /**
     * @return empty for a blank or comment line
     * @throws SshConfigException for a keyword without argument or unbalanced quotes
     */
    static Optional<ConfigLine> parse(String text, Origin origin) {
        String line = text.stripTrailing();
        int i = skipSpace(line, 0);
        if (i == line.length() || line.charAt(i) == '#') {
            return Optional.empty();
        }
        int start = i;
        while (i < line.length() && " \t\"=".indexOf(line.charAt(i)) < 0) {
            i++;
        }
        String written = line.substring(start, i);
        String keyword = written.toLowerCase(Locale.ROOT);
        i = skipSpace(line, i);
        if (i < line.length() && line.charAt(i) == '=') {
            i = skipSpace(line, i + 1);
        }
        String rest = line.substring(i);
        if (keyword.isEmpty() || rest.isEmpty()) {
            throw SshConfigException.at(origin.file(), origin.line(),
                    "no argument after keyword \"" + (keyword.isEmpty() ? text.strip() : keyword) + "\"");
        }
        List<String> args = split(rest, origin);
        if (args.isEmpty()) {
            throw SshConfigException.at(origin.file(), origin.line(), "no argument after keyword \"" + keyword + "\"");
        }
        return Optional.of(new ConfigLine(keyword, written, List.copyOf(args), rest, origin));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
            i++;
        }
        return i;
    }

    /** OpenSSH's {@code argv_split(s, terminate_on_comment = 1)}. */
    static List<String> split(String s, Origin origin) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '#') {
                break;
            }
            StringBuilder arg = new StringBuilder();
            char quote = 0;
            for (; i < s.length(); i++) {
                c = s.charAt(i);
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (c == '\\' && (next == '\'' || next == '"' || next == '\\' || (quote == 0 && next == ' '))) {
                    arg.append(next);
                    i++;
                } else if (quote == 0 && (c == ' ' || c == '\t')) {
                    break;
                } else if (quote == 0 && (c == '"' || c == '\'')) {
                    quote = c;
                } else if (quote != 0 && c == quote) {
                    quote = 0;
                } else {
                    arg.append(c);
                }
            }
            if (quote != 0) {
                throw SshConfigException.at(origin.file(), origin.line(), "invalid quotes");
            }
            args.add(arg.toString());
        }
        return args;
    }

    String first() {
        return args.get(0);
    }
}
