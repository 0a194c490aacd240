package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
