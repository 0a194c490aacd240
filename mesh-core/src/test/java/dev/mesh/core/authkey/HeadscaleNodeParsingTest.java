package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Node lists in the CLI's snake_case shape and the REST API's camelCase shape. */
class HeadscaleNodeParsingTest {

    @Test
    void cliShapeWithNumericIdsMissingFalseBooleansAndSecondsTimestamps() throws Exception {
        List<HeadscaleNode> nodes = HeadscaleCliOutput.nodes("nodes list", """
                [
                  {"id": 3, "ip_addresses": ["100.64.0.7", "fd7a:115c:a1e0::7"], "name": "web1", "given_name": "web1",
                   "user": {"id": 1, "name": "mesh"}, "last_seen": {"seconds": 1767225600, "nanos": 5000}, "online": true},
                  {"id": 4, "ip_addresses": ["100.64.0.8"], "name": "db", "given_name": "db-x1"}
                ]
                """).orElseThrow();
        assertEquals("3", nodes.get(0).id());
        assertTrue(nodes.get(0).online());
        assertEquals(Optional.of(Instant.ofEpochSecond(1767225600, 5000)), nodes.get(0).lastSeen());
        assertFalse(nodes.get(1).online(), "a missing online reads as false");
        assertTrue(nodes.get(1).isNamed("DB-X1.example.com"));
        assertEquals(Optional.empty(), nodes.get(1).lastSeen());
    }

    @Test
    void everyNameAServerSendsIsOneLineSoItCannotForgeALineOfOutput() throws Exception {
        String forged = "web1\\r\\n\\u2713 joined the mesh\\u001b[2K"; // JSON escapes: the server sends CR LF, ESC
        HeadscaleNode n = HeadscaleCliOutput.nodes("nodes list", "[{\"id\": 3, \"ip_addresses\": [\"100.64.0.7\\n\u2713 ok\"],"
                + " \"name\": \"" + forged + "\", \"given_name\": \"" + forged + "\", \"user\": {\"id\": 1, \"name\": \""
                + forged + "\"}}]").orElseThrow().get(0);
        for (String value : List.of(n.name(), n.givenName(), n.user(), n.ipAddresses().get(0))) {
            assertFalse(value.contains("\n") || value.contains("\r") || value.contains("\u001b"), value);
        }
        assertTrue(n.name().startsWith("web1"), n.name());
        List<HeadscaleCliOutput.User> users = HeadscaleCliOutput.users("users list",
                "[{\"id\": 1, \"name\": \"" + forged + "\"}]").orElseThrow();
        assertFalse(users.get(0).name().contains("\n"), users.get(0).name());
    }

    @Test
    void restShapeWithStringIdsAndRfc3339TimesAndGoZeroTime() throws Exception {
        List<HeadscaleNode> nodes = HeadscaleCliOutput.nodes("nodes list", """
                {"nodes": [{"id": "12", "ipAddresses": ["100.64.0.12"], "name": "Laptop", "givenName": "laptop",
                  "user": {"id": "2", "name": "ops"}, "lastSeen": "2026-01-01T00:00:00Z", "expiry": "0001-01-01T00:00:00Z",
                  "online": false}]}
                """).orElseThrow();
        HeadscaleNode n = nodes.get(0);
        assertEquals("12", n.id());
        assertEquals("ops", n.user());
        assertEquals("laptop (Laptop)", n.display());
        assertEquals(Optional.of(Instant.parse("2026-01-01T00:00:00Z")), n.lastSeen());
        assertEquals(Optional.empty(), HeadscaleCliOutput.timestamp("0001-01-01T00:00:00Z"));
        assertEquals(List.of(), HeadscaleCliOutput.nodes("nodes list", "{\"nodes\": []}").orElseThrow());
        assertEquals(List.of(), HeadscaleCliOutput.nodes("nodes list", "{}").orElseThrow(), "protojson may leave an empty list out");
        assertTrue(HeadscaleCliOutput.nodes("nodes list", "not json").isEmpty());
    }
}
