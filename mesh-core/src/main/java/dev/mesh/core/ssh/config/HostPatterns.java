package dev.mesh.core.ssh.config;

import java.util.Locale;

/**
 * OpenSSH's pattern matching (match.c): {@code *} and {@code ?} wildcards, comma-separated lists
 * with {@code !} negation. The case rules are OpenSSH's: {@code Host} patterns are matched
 * case-sensitively against the name as typed ({@link #matchPattern}); {@code Match host} and
 * {@code Match originalhost} compare host names in lower case ({@link #matchHostname}); user
 * names are case-sensitive ({@code Match user}, {@code Match localuser}).
 */
final class HostPatterns {
    /** Longest sub-pattern OpenSSH accepts (match.c's {@code sub[1024]}); longer ones never match. */
    private static final int MAX_SUBPATTERN = 1023;

    private HostPatterns() {
    }

    /** {@code match_pattern()}: does {@code s} match {@code pattern} ({@code *}, {@code ?}), case-sensitively. */
    static boolean matchPattern(String s, String pattern) {
        return match(s, 0, pattern, 0);
    }

    private static boolean match(String s, int si, String p, int pi) {
        while (true) {
            if (pi == p.length()) {
                return si == s.length();
            }
            char pc = p.charAt(pi);
            if (pc == '*') {
                pi++;
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(s, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length() || (pc != '?' && pc != s.charAt(si))) {
                return false;
            }
            si++;
            pi++;
        }
    }

    /**
     * {@code match_pattern_list()}: 1 if {@code s} matches a positive sub-pattern of the
     * comma-separated {@code list} and no negated one, -1 if it matches a negated one, else 0.
     * With {@code lower}, the sub-patterns are lower-cased first (the string must already be).
     */
    static int matchPatternList(String s, String list, boolean lower) {
        boolean positive = false;
        for (String part : list.split(",", -1)) {
            boolean negated = part.startsWith("!");
            String sub = negated ? part.substring(1) : part;
            if (sub.length() > MAX_SUBPATTERN) {
                return 0;
            }
            if (lower) {
                sub = sub.toLowerCase(Locale.ROOT);
            }
            if (matchPattern(s, sub)) {
                if (negated) {
                    return -1;
                }
                positive = true;
            }
        }
        return positive ? 1 : 0;
    }

    /** {@code match_hostname()}: host names compared in lower case. */
    static boolean matchHostname(String host, String list) {
        return matchPatternList(host.toLowerCase(Locale.ROOT), list, true) == 1;
    }

    /** {@code match_pattern_list(s, list, 0) == 1}: user names, case-sensitive. */
    static boolean matchUser(String user, String list) {
        return matchPatternList(user, list, false) == 1;
    }
}
