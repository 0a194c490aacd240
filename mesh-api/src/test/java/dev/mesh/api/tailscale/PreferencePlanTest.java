package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferencePlanTest {
    private static final TailscalePreferences NONE = TailscalePreferences.tailscaleDefaults();

    private static Optional<NodePreferences> node(String family, Map<String, Object> changes) {
        Map<String, Object> p = NodePreferencesTest.fresh("http://hs:8080");
        p.putAll(changes);
        return Optional.of(NodePreferences.fromJson(p, family, Optional.empty()));
    }

    @Test
    void aFreshRunWantsNothingAndPassesNothing() {
        PreferencePlan plan = PreferencePlan.of(NONE, Optional.empty(), "linux", Set.of());
        assertEquals(List.of(), plan.upFlags(false));
        assertEquals(Optional.of(false), plan.acceptRoutes(), "Tailscale's default on Linux");
        assertEquals(Optional.of(true), PreferencePlan.of(NONE, Optional.empty(), "windows", Set.of()).acceptRoutes());
    }

    @Test
    void preferencesTheNodeHasAreKeptByNamingThem() {
        PreferencePlan plan = PreferencePlan.of(TailscalePreferences.builder().acceptDns(false).build(),
                node("linux", Map.of("RunSSH", true, "AdvertiseRoutes", List.of("10.1.0.0/16"))), "linux", Set.of());
        assertEquals(List.of("--accept-dns=false", "--advertise-routes=10.1.0.0/16", "--ssh=true"), plan.upFlags(false));
        assertEquals(Map.of("advertise-routes", "10.1.0.0/16", "ssh", "true"), plan.kept());
        assertEquals(Map.of(), plan.dropped());
    }

    @Test
    void resetDropsThemAndSaysWhich() {
        PreferencePlan plan = PreferencePlan.of(TailscalePreferences.builder().reset(true).build(),
                node("linux", Map.of("RunSSH", true)), "linux", Set.of());
        assertTrue(plan.reset());
        assertEquals(List.of(), plan.upFlags(false));
        assertEquals(Map.of("ssh", "true"), plan.dropped());
        assertEquals(List.of("--ssh=false"), plan.setFlags(false), "a joined node is reset with tailscale set");
    }

    @Test
    void aJoinedNodeGetsOnlyTheDifferencesAndNoTagsBySet() {
        TailscalePreferences wanted = TailscalePreferences.builder().acceptDns(false).hostname("web-1")
                .advertiseTags(List.of("tag:web")).ssh(false).build();
        PreferencePlan plan = PreferencePlan.of(wanted, node("linux", Map.of("Hostname", "web-1")), "linux", Set.of());
        assertEquals(List.of("--accept-dns=false"), plan.setFlags(false));
        assertEquals(Set.of("accept-dns", "advertise-tags"), plan.changes().keySet());
        assertEquals(Set.of("advertise-tags"), plan.unsettable().keySet());
        assertEquals("accept-dns true → false", PreferencePlan.describeChanges(Map.of("accept-dns", plan.changes().get("accept-dns"))));
    }

    @Test
    void anUnchangedNodeNeedsNoSet() {
        TailscalePreferences wanted = TailscalePreferences.builder().acceptDns(false).advertiseRoutes(List.of("10.0.0.0/8", "10.1.0.0/16")).build();
        PreferencePlan plan = PreferencePlan.of(wanted, node("linux", Map.of("CorpDNS", false,
                "AdvertiseRoutes", List.of("10.1.0.0/16", "10.0.0.0/8"))), "linux", Set.of());
        assertEquals(List.of(), plan.setFlags(false));
        assertEquals(Map.of(), plan.changes());
    }

    @Test
    void routesToAcceptWaitUntilMeshHasLookedAtThem() {
        PreferencePlan plan = PreferencePlan.of(TailscalePreferences.builder().acceptRoutes(true).build(),
                node("linux", Map.of()), "linux", Set.of());
        assertEquals(Optional.of(true), plan.acceptRoutes());
        assertEquals(List.of("--accept-routes=false"), plan.upFlags(true));
        assertEquals(List.of(), plan.setFlags(true));
        assertEquals(List.of("--accept-routes=true"), plan.setFlags(false));
    }

    @Test
    void flagsTheOsPassesItselfAreNeitherKeptNorDropped() {
        PreferencePlan plan = PreferencePlan.of(TailscalePreferences.builder().reset(true).build(),
                node("windows", Map.of("ForceDaemon", true, "RouteAll", true)), "windows", Set.of("unattended"));
        assertEquals(Map.of(), plan.dropped());
        assertEquals(Optional.of(true), plan.acceptRoutes());
    }

    @Test
    void onMacOsAcceptRoutesIsAlwaysStatedAsTheNodeHasIt() {
        PreferencePlan plan = PreferencePlan.of(NONE, node("macos", Map.of("RouteAll", false)), "macos", Set.of());
        assertEquals(List.of("--accept-routes=false"), plan.upFlags(false));
        assertEquals(Map.of(), plan.kept(), "not reported as kept: it has no default there");
    }
}
