package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TailscalePreferencesTest {
    @Test
    void nothingSetMeansNoFlags() {
        assertEquals(List.of(), TailscalePreferences.tailscaleDefaults().flags());
    }

    @Test
    void everyPreferenceIsOneFlagWithItsValue() {
        TailscalePreferences p = TailscalePreferences.builder()
                .advertiseExitNode(false).ssh(true).advertiseRoutes(List.of("10.0.0.0/8", "fd00::/64"))
                .advertiseTags(List.of("tag:server", "tag:eu")).hostname("web1").acceptDns(false).acceptRoutes(true)
                .build();
        assertEquals(List.of("--accept-routes=true", "--accept-dns=false", "--hostname=web1",
                "--advertise-tags=tag:server,tag:eu", "--advertise-routes=10.0.0.0/8,fd00::/64", "--ssh=true",
                "--advertise-exit-node=false"), p.flags());
    }

    @Test
    void anEmptyListIsSetToNothingNotLeftAlone() {
        assertEquals(List.of("--advertise-routes="),
                TailscalePreferences.builder().advertiseRoutes(List.of()).build().flags());
    }

    @Test
    void valuesAreCheckedAsTheCliChecksThem() {
        var b = TailscalePreferences.builder();
        assertThrows(IllegalArgumentException.class, () -> b.advertiseTags(List.of("server")));
        assertThrows(IllegalArgumentException.class, () -> b.hostname("web 1"));
        assertThrows(IllegalArgumentException.class, () -> b.hostname("-web"));
        assertThrows(IllegalArgumentException.class, () -> b.advertiseRoutes(List.of("10.0.0.0")));
        assertThrows(IllegalArgumentException.class, () -> b.advertiseRoutes(List.of("10.0.0.0/8;reboot")));
    }

    @Test
    void equalWhenTheFlagsAreEqual() {
        assertEquals(TailscalePreferences.builder().acceptRoutes(true).build(),
                TailscalePreferences.builder().acceptRoutes(true).build());
    }
}
