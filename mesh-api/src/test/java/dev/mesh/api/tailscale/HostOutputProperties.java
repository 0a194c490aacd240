package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parsers of host output in the Tailscale support package, fed arbitrary text and structures:
 * each gives a value or empty, never an exception, and never does a name lookup.
 */
class HostOutputProperties {

    @Property(tries = 2000)
    void versionsParseOrAreEmpty(@ForAll("versionish") String text) {
        Optional<TailscaleVersion> v = TailscaleVersion.parse(text);
        v.ifPresent(x -> assertTrue(x.toString().matches("\\d+\\.\\d+\\.\\d+"), x.toString()));
        ClientMinimum.forHeadscale(text);
    }

    @Property(tries = 2000)
    void prefixesParseOrAreEmpty(@ForAll("addressish") String text) {
        ConnectionPath path = ConnectionPath.fromSshConnection(text + " 1 " + text + " 22", List.of(text, text + "/24"));
        assertNotNull(path.coveredBy(List.of(text, "0.0.0.0/0", text + "/8")));
    }

    @Property(tries = 1000)
    void preferencesOfAnyShapeAreRead(@ForAll("values") Object a, @ForAll("values") Object b, @ForAll("values") Object c) {
        Map<String, Object> prefs = new java.util.HashMap<>();
        prefs.put("RunSSH", a);
        prefs.put("AdvertiseRoutes", b);
        prefs.put("NetfilterMode", c);
        prefs.put("AppConnector", a);
        prefs.put("ExitNodeIP", b);
        prefs.put("ControlURL", c);
        for (String family : List.of("linux", "windows", "macos", "freebsd")) {
            NodePreferences p = NodePreferences.fromJson(prefs, family, Optional.empty());
            assertNotNull(p.nonDefault());
        }
        Map<String, Object> peer = new java.util.HashMap<>();
        peer.put("PrimaryRoutes", b);
        peer.put("AllowedIPs", c);
        peer.put("TailscaleIPs", a);
        Map<String, Object> exit = new java.util.HashMap<>();
        exit.put("TailscaleIPs", b);
        assertNotNull(TailscaleStatus.fromJson(Map.of("Peer", Map.of("k", peer), "ExitNodeStatus", exit)).subnetRoutes());
    }

    @Provide
    Arbitrary<String> versionish() {
        return Arbitraries.strings().withChars("0123456789.v-\n tx:").ofMaxLength(30);
    }

    @Provide
    Arbitrary<String> addressish() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdef:.[]%/-x ").ofMaxLength(45),
                Arbitraries.strings().ofMaxLength(20));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.of(Optional.empty()).map(o -> o.orElse(null)), Arbitraries.strings().ofMaxLength(10).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.strings().ofMaxLength(8).list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.just(Map.of("x", List.of(1))));
    }
}
