package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TailscaleStatusTest {
    @Test
    void readsRunningStatusWithEveryAddress() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of(
                "BackendState", "Running",
                "TailscaleIPs", List.of("fd7a:115c:a1e0::5", "100.64.0.5"),
                "Self", Map.of("HostName", "web1", "Online", true),
                "Health", List.of("not in map poll")));
        assertTrue(s.running());
        assertEquals(List.of("fd7a:115c:a1e0::5", "100.64.0.5"), s.addresses());
        assertEquals("100.64.0.5", s.preferredAddress());
        assertEquals("web1", s.hostName());
        assertTrue(s.online());
        assertEquals(List.of("not in map poll"), s.health());
        assertEquals("", s.problem());
    }

    @Test
    void everyValueTheHostSendsIsOneLine() {
        String forged = "\n\u2713 Joined the mesh\r\u001b[2K";
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of(
                "BackendState", "Running" + forged,
                "TailscaleIPs", List.of("100.64.0.5" + forged),
                "Self", Map.of("HostName", "web1" + forged),
                "Health", List.of("warning" + forged)));
        for (String value : List.of(s.backendState(), s.addresses().get(0), s.hostName(), s.health().get(0))) {
            assertFalse(value.contains("\n") || value.contains("\r") || value.contains("\u001b"), value);
        }
        assertEquals("web1\\x0a\u2713 Joined the mesh\\x0d\\x1b[2K", s.hostName());
        assertFalse(s.running(), "a forged state is not Running");
    }

    @Test
    void anIpv6OnlyNodeHasAnAddress() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "Running",
                "TailscaleIPs", List.of("fd7a:115c:a1e0::9")));
        assertEquals(List.of("fd7a:115c:a1e0::9"), s.addresses());
        assertEquals("fd7a:115c:a1e0::9", s.preferredAddress());
    }

    @Test
    void missingFieldsReadAsLoggedOutAndOffline() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "NeedsLogin", "Self", Map.of()));
        assertFalse(s.running());
        assertFalse(s.online());
        assertEquals("", s.preferredAddress());
        assertEquals("NoState", TailscaleStatus.fromJson(Map.of()).backendState());
    }

    @Test
    void fallsBackToSelfAddresses() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "Running",
                "Self", Map.of("TailscaleIPs", List.of("100.100.1.2"))));
        assertEquals(List.of("100.100.1.2"), s.addresses());
    }

    @Test
    void anUnreadableStatusSaysWhy() {
        TailscaleStatus s = TailscaleStatus.unreadable("failed to connect to local tailscaled");
        assertFalse(s.running());
        assertEquals("NoState", s.backendState());
        assertEquals("failed to connect to local tailscaled", s.problem());
        assertEquals("no output", TailscaleStatus.unreadable(" ").problem());
    }

    @Test
    void subnetRoutesArePeersRoutesWithoutTheirOwnAddressesOrDefaultRoutes() {
        TailscaleStatus s = TailscaleStatus.fromJson(Map.of("BackendState", "Running",
                "Peer", Map.of(
                        "nodekey:a", Map.of("TailscaleIPs", List.of("100.64.0.2", "fd7a:115c:a1e0::2"),
                                "AllowedIPs", List.of("100.64.0.2/32", "fd7a:115c:a1e0::2/128", "192.168.10.0/24"),
                                "PrimaryRoutes", List.of("192.168.10.0/24")),
                        "nodekey:b", Map.of("TailscaleIPs", List.of("100.64.0.3"),
                                "AllowedIPs", List.of("100.64.0.3/32", "0.0.0.0/0", "::/0", "10.9.0.0/16"))),
                "ExitNodeStatus", Map.of("ID", "nB", "TailscaleIPs", List.of("100.64.0.3/32"))));
        assertEquals(java.util.Set.of("192.168.10.0/24", "10.9.0.0/16"), java.util.Set.copyOf(s.subnetRoutes()));
        assertEquals("100.64.0.3", s.exitNodeAddress());
        assertEquals(List.of(), TailscaleStatus.of("Running", List.of()).subnetRoutes());
    }
}
