package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnectionPathTest {

    @Test
    void theLanMeshCameInThroughIsTheOneHoldingTheServerAddress() {
        ConnectionPath path = ConnectionPath.fromSshConnection("192.168.10.5 50022 192.168.10.20 22",
                List.of("127.0.0.1/8", "192.168.10.20/24", "fe80::1/64", "172.17.0.1/16"));
        assertEquals("192.168.10.5", path.clientAddress());
        assertEquals("192.168.10.20", path.serverAddress());
        assertEquals(List.of("192.168.10.20/24"), path.localPrefixes());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "192.168.10.0/24 | 192.168.10.0/24",   // the case: the host's own LAN
            "192.168.0.0/16 | 192.168.0.0/16",     // a larger route holding it
            "192.168.10.5/32 | 192.168.10.5/32",   // only mesh's machine
            "192.168.10.128/25 | 192.168.10.128/25", // part of the LAN: the host's replies to it leave the LAN
            "10.0.0.0/8 | ''",
            "0.0.0.0/0 | ''",                      // an exit node's default route is not a subnet route
            "fd00::/8 | ''",
            "not-a-route | ''"})
    void routesCoveringTheConnection(String route, String covered) {
        ConnectionPath path = ConnectionPath.fromSshConnection("192.168.10.5 50022 192.168.10.20 22", List.of("192.168.10.20/24"));
        assertEquals(covered.isEmpty() ? List.of() : List.of(covered), path.coveredBy(List.of(route)));
    }

    @Test
    void ipv6AndUnknownParts() {
        ConnectionPath v6 = ConnectionPath.fromSshConnection("fd00:1::5 40000 fd00:1::20 22", List.of("fd00:1::20/64"));
        assertEquals(List.of("fd00:1::/48"), v6.coveredBy(List.of("fd00:1::/48", "fd00:2::/48")));
        ConnectionPath unknown = ConnectionPath.fromSshConnection("", List.of());
        assertEquals(List.of(), unknown.coveredBy(List.of("192.168.10.0/24")));
        assertEquals("? → ?", unknown.describe());
        assertEquals(List.of(), ConnectionPath.fromSshConnection("host.example 1 other.example 22", List.of("10.0.0.1/8"))
                .coveredBy(List.of("10.0.0.0/8")), "names are never looked up");
    }
}
