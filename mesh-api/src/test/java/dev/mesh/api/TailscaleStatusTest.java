package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TailscaleStatusTest {
    @Test
    void readsRunningStatus() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of(
                "BackendState", "Running",
                "TailscaleIPs", List.of("fd7a:115c:a1e0::5", "100.64.0.5"),
                "Self", Map.of("HostName", "web1", "Online", true)));
        assertTrue(s.running());
        assertEquals("100.64.0.5", s.ipv4());
        assertEquals("web1", s.hostName());
        assertTrue(s.online());
    }

    @Test
    void missingFieldsReadAsLoggedOutAndOffline() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "NeedsLogin", "Self", Map.of()));
        assertFalse(s.running());
        assertFalse(s.online());
        assertEquals("", s.ipv4());
        assertEquals("NoState", TailscaleStatus.fromJson(Map.of()).backendState());
    }

    @Test
    void fallsBackToSelfAddresses() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "Running",
                "Self", Map.of("TailscaleIPs", List.of("100.100.1.2"))));
        assertEquals("100.100.1.2", s.ipv4());
    }

    @Test
    void knowsTheCgnatRange() {
        assertTrue(TailscaleStatus.isTailscaleIpv4("100.64.0.1"));
        assertTrue(TailscaleStatus.isTailscaleIpv4("100.127.255.254"));
        assertFalse(TailscaleStatus.isTailscaleIpv4("100.128.0.1"));
        assertFalse(TailscaleStatus.isTailscaleIpv4("100.63.0.1"));
        assertFalse(TailscaleStatus.isTailscaleIpv4("10.0.0.1"));
        assertFalse(TailscaleStatus.isTailscaleIpv4("fd7a::1"));
    }
}
