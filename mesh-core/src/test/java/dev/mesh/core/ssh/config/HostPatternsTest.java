package dev.mesh.core.ssh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenSSH's match.c, case rules included. */
class HostPatternsTest {
    @ParameterizedTest
    @CsvSource({"web1.example, *.example, true", "web1, web?, true", "web12, web?, false", "'', *, true",
        "a.b.c, *.*, true", "abc, a*d, false", "aXbYc, a*b*c, true"})
    void wildcards(String s, String pattern, boolean matches) {
        assertEquals(matches, HostPatterns.matchPattern(s, pattern));
    }

    @Test
    void hostPatternsAreCaseSensitiveButMatchHostIsNot() {
        assertFalse(HostPatterns.matchPattern("WEB1", "web1"), "Host: as typed");
        assertTrue(HostPatterns.matchHostname("WEB1", "web1"), "Match host: lower case");
        assertTrue(HostPatterns.matchHostname("web1", "WEB*"));
        assertFalse(HostPatterns.matchUser("Steve", "steve"), "users: exact");
    }

    @Test
    void listsWithNegation() {
        assertEquals(1, HostPatterns.matchPatternList("web1", "db*,web*", false));
        assertEquals(-1, HostPatterns.matchPatternList("web1", "web*,!web1", false));
        assertEquals(0, HostPatterns.matchPatternList("db1", "web*,!web1", false));
        assertEquals(0, HostPatterns.matchPatternList("x", "!y", false), "only negations never match");
    }
}
