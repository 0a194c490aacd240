package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlServersTest {
    @Test
    void ignoresCaseDefaultPortsAndTrailingSlashes() {
        assertTrue(ControlServers.same("HTTPS://Headscale.Example.com/", "https://headscale.example.com:443"));
        assertTrue(ControlServers.same("http://10.0.0.56:80", "http://10.0.0.56"));
        assertFalse(ControlServers.same("http://10.0.0.56:8080", "http://10.0.0.56"));
        assertFalse(ControlServers.same("https://controlplane.tailscale.com", "https://headscale.example.com"));
    }

    @Test
    void somethingThatIsNotAnAbsoluteUrlMatchesNothing() {
        assertEquals(Optional.empty(), ControlServers.normalize("headscale:8080/x y"));
        assertFalse(ControlServers.same("", ""));
        assertFalse(ControlServers.same(null, "http://x"));
    }

    @ParameterizedTest
    @CsvSource({
            "http://headscale.test:8080, http://headscale.test:8080, SAME",
            "http://headscale.test:8080/, http://headscale.test:8080, SAME",
            "HTTP://Headscale.Test:8080, http://headscale.test:8080/, SAME",
            "https://hs.example.com, https://hs.example.com:443, SAME",
            "http://hs.example.com, http://hs.example.com:80/, SAME",
            "https://hs.example.com/prefix/, https://hs.example.com/prefix, SAME",
            "https://controlplane.tailscale.com, http://headscale.test:8080, OTHER",
            "http://headscale.test:8081, http://headscale.test:8080, OTHER",
            "https://headscale.test:8080, http://headscale.test:8080, OTHER",
            "'', http://headscale.test:8080, UNKNOWN",
            "not a url, http://headscale.test:8080, UNKNOWN"})
    void compares(String nodeUrl, String loginServer, ControlServers.Match expected) {
        assertEquals(expected, ControlServers.compare(Optional.of(nodeUrl), URI.create(loginServer)));
    }

    @Test
    void comparesANodesControlUrlWithTheLoginServer() {
        URI server = URI.create("https://hs.example.com");
        assertEquals(ControlServers.Match.SAME, ControlServers.compare(Optional.of("https://HS.example.com:443/"), server));
        assertEquals(ControlServers.Match.OTHER, ControlServers.compare(Optional.of("https://controlplane.tailscale.com"), server));
        assertEquals(ControlServers.Match.UNKNOWN, ControlServers.compare(Optional.empty(), server));
        assertEquals(ControlServers.Match.UNKNOWN, ControlServers.compare(Optional.of("  "), server));
        assertEquals(ControlServers.Match.UNKNOWN, ControlServers.compare(Optional.of("not a url"), server));
    }
}
