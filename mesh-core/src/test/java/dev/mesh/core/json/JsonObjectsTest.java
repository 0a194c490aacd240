package dev.mesh.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonObjectsTest {
    @Test
    void parsesNestedObjectsArraysAndKeysWithDots() {
        Map<String, Object> m = JsonObjects.parse("""
                {"BackendState":"Running","TailscaleIPs":["100.64.0.7","fd7a::7"],
                 "Self":{"HostName":"web.1","Online":true},"Peer":{"a.b":{"x":1}},"n":null}""");
        assertEquals("Running", m.get("BackendState"));
        assertEquals(List.of("100.64.0.7", "fd7a::7"), m.get("TailscaleIPs"));
        assertEquals(true, ((Map<?, ?>) m.get("Self")).get("Online"));
        assertEquals(Map.of("x", 1), ((Map<?, ?>) m.get("Peer")).get("a.b"));
        assertEquals(null, m.get("n"));
    }

    @Test
    void rejectsNonJsonWithoutQuotingTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonObjects.parse("hskey-auth-SECRETVALUE not json"));
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
    }

    @Test
    void emptyOutputIsNotAnObject() {
        assertThrows(IllegalArgumentException.class, () -> JsonObjects.parse(""));
        assertThrows(IllegalArgumentException.class, () -> JsonObjects.parse("  \n"));
    }
}
