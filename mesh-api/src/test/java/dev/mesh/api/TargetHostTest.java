package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TargetHostTest {
    @Test
    void displaysPortOnlyWhenNotDefault() {
        assertEquals("steve@office", new TargetHost("steve", "office", 22).display());
        assertEquals("steve@office:2222", new TargetHost("steve", "office", 2222).display());
    }

    @Test
    void anIpv6AddressIsBracketedWhenAPortFollows() {
        assertEquals("root@[::1]:1", new TargetHost("root", "::1", 1).display());
        assertEquals("root@fd7a:115c:a1e0::7", new TargetHost("root", "fd7a:115c:a1e0::7", 22).display());
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new TargetHost("u", "h", 0));
        assertThrows(IllegalArgumentException.class, () -> new TargetHost("u", "h", 70000));
    }
}
