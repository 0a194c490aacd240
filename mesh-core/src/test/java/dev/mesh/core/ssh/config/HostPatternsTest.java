package dev.mesh.core.ssh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** OpenSSH's match.c, case rules included. */
class HostPatternsTest {
    @Test
    void wildcards() {
        assertTrue(HostPatterns.matchPattern("web1.example", "*.example"));
        assertTrue(HostPatterns.matchPattern("web1", "web?"));
        assertFalse(HostPatterns.matchPattern("web12", "web?"));
        assertTrue(HostPatterns.matchPattern("", "*"));
        assertTrue(HostPatterns.matchPattern("a.b.c", "*.*"));
        assertFalse(HostPatterns.matchPattern("abc", "a*d"));
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
