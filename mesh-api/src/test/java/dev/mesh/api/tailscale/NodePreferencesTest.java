package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ipn.Prefs as {@code tailscale debug prefs} prints them, read as {@code up} flags (cmd/tailscale/cli/up.go prefsToFlags). */
class NodePreferencesTest {

    /** What tailscaled 1.80 answers on Linux after a plain {@code up --login-server=URL}. */
    static Map<String, Object> fresh(String controlUrl) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ControlURL", controlUrl);
        p.put("RouteAll", false);
        p.put("ExitNodeID", "");
        p.put("ExitNodeIP", "");
        p.put("ExitNodeAllowLANAccess", false);
        p.put("CorpDNS", true);
        p.put("RunSSH", false);
        p.put("RunWebClient", false);
        p.put("WantRunning", true);
        p.put("LoggedOut", false);
        p.put("ShieldsUp", false);
        p.put("AdvertiseTags", null);
        p.put("Hostname", "");
        p.put("NotepadURLs", false);
        p.put("AdvertiseRoutes", null);
        p.put("NoSNAT", false);
        p.put("NoStatefulFiltering", "true");
        p.put("NetfilterMode", 2);
        p.put("AutoUpdate", Map.of("Check", true, "Apply", "unset"));
        p.put("AppConnector", Map.of("Advertise", false));
        p.put("PostureChecking", false);
        p.put("NetfilterKind", "");
        p.put("Config", Map.of("PrivateNodeKey", "privkey:0000"));
        return p;
    }

    @Test
    void aFreshLinuxNodeHasNothingBesideTheDefaults() {
        NodePreferences prefs = NodePreferences.fromJson(fresh("http://hs:8080"), "linux", Optional.empty());
        assertEquals(Optional.of("http://hs:8080"), prefs.controlUrl());
        assertEquals(Map.of(), prefs.nonDefault());
        assertEquals("on", prefs.value("netfilter-mode").orElseThrow());
        assertFalse(prefs.values().containsKey("unattended"), "Windows only");
    }

    @Test
    void whatSomeoneSetIsReadAsTheFlagsThatSetIt() {
        Map<String, Object> p = fresh("http://hs:8080");
        p.put("RunSSH", true);
        p.put("RouteAll", true);
        p.put("CorpDNS", false);
        p.put("Hostname", "web-1");
        p.put("AdvertiseRoutes", List.of("10.0.0.0/24", "0.0.0.0/0", "::/0"));
        p.put("AdvertiseTags", List.of("tag:web"));
        p.put("OperatorUser", "steve");
        p.put("NoSNAT", true);
        p.put("NetfilterMode", 1);
        p.put("ShieldsUp", true);
        NodePreferences prefs = NodePreferences.fromJson(p, "linux", Optional.empty());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("accept-routes", "true");
        expected.put("accept-dns", "false");
        expected.put("hostname", "web-1");
        expected.put("advertise-tags", "tag:web");
        expected.put("advertise-routes", "10.0.0.0/24");
        expected.put("ssh", "true");
        expected.put("advertise-exit-node", "true");
        expected.put("shields-up", "true");
        expected.put("operator", "steve");
        expected.put("snat-subnet-routes", "false");
        expected.put("netfilter-mode", "nodivert");
        assertEquals(expected, prefs.nonDefault());
    }

    @Test
    void defaultsDependOnTheOs() {
        Map<String, Object> p = fresh("");
        p.put("RouteAll", true);
        p.put("ForceDaemon", true);
        NodePreferences windows = NodePreferences.fromJson(p, "windows", Optional.empty());
        assertEquals(Map.of("unattended", "true"), windows.nonDefault(), "accept-routes defaults to true on Windows");
        assertEquals(Optional.empty(), windows.controlUrl(), "never logged in");
        NodePreferences mac = NodePreferences.fromJson(p, "macos", Optional.empty());
        assertEquals(Map.of("accept-routes", "true"), mac.nonDefault(), "no default on macOS: app and Homebrew differ");
    }

    @Test
    void anExitNodeNamedByIdTakesItsAddressFromTheStatus() {
        Map<String, Object> p = fresh("http://hs");
        p.put("ExitNodeID", "nExit123");
        assertEquals("100.64.0.9", NodePreferences.fromJson(p, "linux", Optional.of("100.64.0.9")).nonDefault().get("exit-node"));
        assertEquals(Map.of(), NodePreferences.fromJson(p, "linux", Optional.empty()).nonDefault());
        p.put("ExitNodeIP", "100.64.0.5");
        assertEquals("100.64.0.5", NodePreferences.fromJson(p, "linux", Optional.empty()).nonDefault().get("exit-node"));
    }

    @Test
    void hostileValuesAreDataNotStructure() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("RunSSH", "yes");
        p.put("AdvertiseRoutes", Map.of("a", 1));
        p.put("NetfilterMode", 99);
        p.put("AppConnector", List.of());
        p.put("Hostname", 12);
        NodePreferences prefs = NodePreferences.fromJson(p, "linux", Optional.empty());
        assertEquals("false", prefs.value("ssh").orElseThrow());
        assertEquals("", prefs.value("advertise-routes").orElseThrow());
        assertEquals("on", prefs.value("netfilter-mode").orElseThrow());
        assertTrue(prefs.controlUrl().isEmpty());
    }

    @Test
    void listsCompareAsSets() {
        assertTrue(NodePreferences.same("advertise-tags", "tag:a,tag:b", "tag:b,tag:a"));
        assertFalse(NodePreferences.same("hostname", "a,b", "b,a"));
        assertTrue(Set.copyOf(NodePreferences.FLAGS).containsAll(NodePreferences.defaults("linux").keySet()));
    }
}
