package dev.mesh.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        assertTrue(m.containsKey("n"));
        assertEquals(null, m.get("n"));
    }

    @Test
    void numbersComeBackAsJavaNumbers() {
        Map<String, Object> m = JsonObjects.parse("{\"i\": 7, \"l\": 1767225600123, \"b\": 18446744073709551615,"
                + " \"d\": 1.5}");
        assertEquals(7, m.get("i"));
        assertEquals(1767225600123L, m.get("l"));
        assertEquals(new BigInteger("18446744073709551615"), m.get("b"));
        assertEquals(1.5, m.get("d"));
    }

    @Test
    void rejectsNonJsonWithoutQuotingTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonObjects.parse("hskey-auth-SECRETVALUE not json"));
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> JsonObjects.parse("{\"k\": \"SECRETVALUE\"} trailing"));
        assertFalse(e.getMessage().contains("SECRETVALUE"), e.getMessage());
    }

    @Test
    void emptyOutputAndOtherValuesAreNotAnObject() {
        assertThrows(IllegalArgumentException.class, () -> JsonObjects.parse(""));
        assertThrows(IllegalArgumentException.class, () -> JsonObjects.parse("  \n"));
        assertEquals("status: not a JSON object", assertThrows(IllegalArgumentException.class,
                () -> JsonObjects.parse("status", "[1]")).getMessage());
    }

    /** issue 13 §4: 6 KB of {"a": gave a StackOverflowError with a 108 KB stack trace. */
    @Test
    void deepNestingIsAClearFailureNotAStackOverflow() {
        String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        JsonLimitException e = assertThrows(JsonLimitException.class,
                () -> JsonObjects.parse("tailscale status --json", deep));
        assertEquals("tailscale status --json: answer nested deeper than 64 levels", e.getMessage());
        assertThrows(JsonLimitException.class, () -> JsonObjects.parse("[".repeat(100_000)));
        assertEquals(64, depthOf(JsonObjects.parseValue("x", "[".repeat(64) + "]".repeat(64))));
    }

    /** issue 13 §4: a 200 MB answer took 49 s and 3.3 GB of heap. */
    @Test
    void aHugeAnswerFailsAtOnceBeforeParsing() {
        String huge = "{\"a\":\"" + "x".repeat(200 * 1024 * 1024) + "\"}";
        long start = System.nanoTime();
        JsonLimitException e = assertThrows(JsonLimitException.class,
                () -> JsonObjects.parse("tailscale status --json", huge));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 500, "not fast");
        assertTrue(e.getMessage().startsWith("tailscale status --json: answer is larger than 4 MiB"), e.getMessage());
    }

    @Test
    void longStringsAndNumbersAreRefused() {
        String longString = "{\"a\":\"" + "x".repeat(JsonObjects.MAX_STRING_CHARS + 1) + "\"}";
        assertEquals("x: answer holds a string longer than 1024 KiB",
                assertThrows(JsonLimitException.class, () -> JsonObjects.parse("x", longString)).getMessage());
        assertEquals("x: answer holds a number longer than 100 characters", assertThrows(JsonLimitException.class,
                () -> JsonObjects.parse("x", "{\"n\":" + "9".repeat(1000) + "}")).getMessage());
    }

    @Test
    void findSkipsLogLinesAndTakesTheJsonThatStartsALine() {
        assertEquals(Optional.of(Map.of("key", "k")),
                JsonObjects.find("x", "2025-01-01 WRN deprecated {not json\n  {\"key\": \"k\"}\n"));
        assertEquals(Optional.of(List.of(1, 2)), JsonObjects.find("x", "[1,\n 2]"));
        assertEquals(Optional.empty(), JsonObjects.find("x", "no json here\n{broken"));
        assertEquals(Optional.empty(), JsonObjects.find("x", ""));
        assertThrows(JsonLimitException.class, () -> JsonObjects.find("x", "log\n" + "[".repeat(65) + "]".repeat(65)));
    }

    @Test
    void findGivesUpAfterAFewCandidateLines() {
        String many = "{broken\n".repeat(JsonObjects.MAX_FIND_ATTEMPTS) + "{\"a\":1}";
        assertEquals(Optional.empty(), JsonObjects.find("x", many));
    }

    @Test
    void writesRequestBodies() {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("user", "a\"b\\c\n\u001b");
        body.put("aclTags", List.of("tag:a"));
        body.put("reusable", true);
        String json = JsonObjects.write(body);
        assertEquals("{\"user\":\"a\\\"b\\\\c\\n\\u001B\",\"aclTags\":[\"tag:a\"],\"reusable\":true}", json);
        assertEquals(body, JsonObjects.parse(json));
    }

    private static int depthOf(Object value) {
        int depth = 0;
        while (value instanceof List<?> list) {
            depth++;
            value = list.isEmpty() ? null : list.get(0);
        }
        return depth;
    }
}
