package dev.mesh.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mesh.tailscale.*: unset unless someone sets them; Tailscale's own rules for each value. */
class TailscaleSettingsTest {
    final Path dir;
    final ConfigTestSupport config;

    TailscaleSettingsTest(@TempDir Path dir) {
        this.dir = dir;
        this.config = new ConfigTestSupport(dir);
    }

    @Test
    void everyPreferenceIsUnsetByDefault() {
        MeshSettings s = config.env(Map.of());
        assertEquals(TailscalePreferences.UNSET, s.tailscale());
        for (TailscalePreference p : TailscalePreference.values()) {
            EffectiveSetting row = s.effective().stream().filter(e -> e.key().equals(p.settingPath())).findFirst()
                    .orElseThrow();
            assertEquals(null, row.value(), p.key());
            assertEquals(Origin.Kind.DEFAULT, row.origin().kind(), p.key());
        }
    }

    @Test
    void valuesFromAFileAndFromVariables() throws IOException {
        MeshSettings s = config.user("mesh.tailscale {\n  accept-routes = false\n  hostname = web-1\n"
                + "  advertise-tags = [\"tag:web\", \"tag:prod\"]\n  advertise-routes = [\"192.168.10.0/24\", \"fd00::/64\"]\n}\n");
        assertEquals(Optional.of(false), s.tailscale().acceptRoutes());
        assertEquals(Optional.of("web-1"), s.tailscale().hostname());
        assertEquals(Optional.of(List.of("tag:web", "tag:prod")), s.tailscale().advertiseTags());
        assertEquals(Optional.of(List.of("192.168.10.0/24", "fd00::/64")), s.tailscale().advertiseRoutes());
        assertEquals(Optional.empty(), s.tailscale().acceptDns());

        MeshSettings e = config.env(Map.of("MESH_TAILSCALE_ACCEPT_DNS", "false", "MESH_TAILSCALE_SSH", "true",
                "MESH_TAILSCALE_ADVERTISE_ROUTES", "0.0.0.0/0, ::/0", "MESH_TAILSCALE_HOSTNAME", ""));
        assertEquals(Optional.of(false), e.tailscale().acceptDns());
        assertEquals(Optional.of(true), e.tailscale().ssh());
        assertEquals(Optional.of(List.of("0.0.0.0/0", "::/0")), e.tailscale().advertiseRoutes());
        assertEquals(Optional.empty(), e.tailscale().hostname()); // empty variable: unset
        assertEquals(Origin.environment("MESH_TAILSCALE_SSH"), e.origin("mesh.tailscale.ssh"));
    }

    @Test
    void valuesBreakingTailscalesRulesAreRefused() throws IOException {
        assertEquals("MESH_TAILSCALE_ADVERTISE_TAGS=web: not a Tailscale tag (tag:NAME, NAME a letter then letters, "
                + "digits or '-')", config.envError(Map.of("MESH_TAILSCALE_ADVERTISE_TAGS", "web")));
        assertEquals("MESH_TAILSCALE_ADVERTISE_ROUTES=192.168.10.5/24: has bits set past the prefix length; the "
                + "prefix is 192.168.10.0/24", config.envError(Map.of("MESH_TAILSCALE_ADVERTISE_ROUTES", "192.168.10.5/24")));
        assertEquals("MESH_TAILSCALE_ADVERTISE_ROUTES=0.0.0.0/0: 0.0.0.0/0 and ::/0 go together (an exit node "
                + "advertises both)", config.envError(Map.of("MESH_TAILSCALE_ADVERTISE_ROUTES", "0.0.0.0/0")));
        for (String bad : List.of("10.0.0.0", "300.1.1.0/24", "10.0.0.0/33", "example.com/24", "fd00::/129", "010.0.0.0/8")) {
            String message = config.envError(Map.of("MESH_TAILSCALE_ADVERTISE_ROUTES", bad));
            assertTrue(message.contains("not a CIDR prefix"), bad + ": " + message);
        }
        for (String bad : List.of("web.example.com", "-web", "web_1", "a".repeat(64))) {
            String message = config.envError(Map.of("MESH_TAILSCALE_HOSTNAME", bad));
            assertTrue(message.endsWith("not a DNS label (1-63 letters, digits and '-', not starting or ending with '-')"),
                    message);
        }
        assertEquals("MESH_TAILSCALE_ACCEPT_ROUTES=maybe: true or false",
                config.envError(Map.of("MESH_TAILSCALE_ACCEPT_ROUTES", "maybe")));
        String fromFile = config.userError("mesh.tailscale.ssh = 3\n");
        assertTrue(fromFile.contains(": 1: mesh.tailscale.ssh has type NUMBER rather than BOOLEAN"), fromFile);
    }

    @Test
    void originsNameTheFileLineVariableFlagOrDefault() throws IOException {
        Path user = config.write("mesh.conf", "mesh {\n  ssh {\n    port = 2222\n  }\n}\n");
        MeshSettings s = config.load(user, Optional.empty(), Map.of("MESH_SSH_USER", "deploy"),
                Map.of("mesh.ssh.identity", "/k/id"));
        assertEquals(Origin.file(user.toString(), 3, ""), s.origin("mesh.ssh.port"));
        assertEquals(Origin.environment("MESH_SSH_USER"), s.origin("mesh.ssh.user"));
        assertEquals(Origin.flag("mesh.ssh.identity"), s.origin("mesh.ssh.identity"));
        assertEquals(Origin.Kind.DEFAULT, s.origin("mesh.timeouts.command").kind());
        assertEquals(user + ":3", s.origin("mesh.ssh.port").toString());
    }

    @Test
    void anApiKeyWithoutAChosenSourceSelectsRest() throws IOException {
        assertEquals(HeadscaleSettings.Source.CLI, config.env(Map.of()).headscale().source());
        MeshSettings viaVariable = config.env(Map.of("MESH_HEADSCALE_API_KEY", "hskey-api-x"));
        assertEquals(HeadscaleSettings.Source.REST, viaVariable.headscale().source());
        assertEquals(Optional.of(Origin.environment("MESH_HEADSCALE_API_KEY")), viaVariable.apiKey());
        EffectiveSetting row = viaVariable.effective().stream().filter(e -> e.key().equals("mesh.headscale.source"))
                .findFirst().orElseThrow();
        assertEquals("rest", row.value());
        assertTrue(viaVariable.effective().stream().noneMatch(e -> String.valueOf(e.value()).contains("hskey")));
        assertEquals(HeadscaleSettings.Source.REST,
                config.env(Map.of("MESH_HEADSCALE_API_KEY_FILE", "/etc/mesh/api-key")).headscale().source());
        // a source someone chose stays chosen
        assertEquals(HeadscaleSettings.Source.SSH, config.env(Map.of("MESH_HEADSCALE_API_KEY", "k",
                "MESH_HEADSCALE_SOURCE", "ssh")).headscale().source());
        assertEquals(HeadscaleSettings.Source.CLI, config.user("mesh.headscale.source = cli\n"
                + "mesh.headscale.api-key-file = /k\n").headscale().source());
    }
}
