package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mesh host add/list/show/remove through the real CLI, and an inventory name used as HOST. */
class HostCommandsTest extends SimulatedDebianCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    Path inventory() {
        return dir.resolve("xdg").resolve("mesh").resolve("hosts.conf");
    }

    @Test
    void addListShowRemove() throws IOException {
        assertEquals(0, cli.run("host", "add", "web1", "--ip", "192.0.2.10", "--port", "2222", "--user", "deploy",
                "--tag", "web", "--tag", "prod", "--accept-routes=false", "--advertise-tags", "tag:web,tag:prod",
                "--hostname", "web-1", "--skip-syncthing"), cli.output());
        assertTrue(cli.out.contains("Added web1 to " + inventory()), cli.out);
        Files.writeString(inventory(), "# my own note\ndefaults { tailscale.accept-dns = false }\n"
                + Files.readString(inventory()));
        assertEquals(0, cli.run("host", "add", "db1", "--address", "192.0.2.20", "--tag", "db"), cli.output());

        assertEquals(0, cli.run("host", "list"), cli.output());
        assertTrue(cli.out.matches("(?s)NAME +ADDRESS +PORT +USER +TAGS\n"
                + "db1 +192\\.0\\.2\\.20 +22 +\\S+ +db\n"
                + "web1 +192\\.0\\.2\\.10 +2222 +deploy +web,prod\n"), cli.out);
        assertEquals(0, cli.run("host", "list", "--tag", "db", "--output", "json"), cli.output());
        JsonNode list = JSON.readTree(cli.out);
        assertEquals(inventory().toString(), list.get("inventory").asText());
        assertEquals(1, list.get("hosts").size());
        assertEquals("db1", list.get("hosts").get(0).get("name").asText());
        assertEquals(22, list.get("hosts").get(0).get("port").asInt());
        assertFalse(list.get("hosts").get(0).get("tailscale").get("accept-dns").asBoolean());
        assertTrue(list.get("hosts").get(0).get("tailscale").get("accept-routes").isNull());

        assertEquals(0, cli.run("host", "show", "web1", "--output", "json"), cli.output());
        JsonNode show = JSON.readTree(cli.out);
        assertEquals("192.0.2.10", show.at("/address/value").asText());
        assertEquals("file", show.at("/address/origin/kind").asText());
        assertEquals(inventory().toString(), show.at("/address/origin/source").asText());
        assertEquals("host web1", show.at("/address/origin/note").asText());
        assertEquals("defaults", show.at("/tailscale/accept-dns/origin/note").asText());
        assertEquals(List.of("tag:web", "tag:prod"), JSON.convertValue(show.at("/tailscale/advertise-tags/value"), List.class));
        assertEquals("default", show.at("/tailscale/ssh/origin/kind").asText());
        assertTrue(show.at("/tailscale/ssh/value").isNull());
        assertTrue(show.at("/skip-syncthing/value").asBoolean());

        cli.env.put("MESH_TAILSCALE_ACCEPT_DNS", "true");
        assertEquals(0, cli.run("host", "show", "web1"), cli.output());
        assertTrue(cli.out.matches("(?s).*tailscale\\.accept-dns +true +environment MESH_TAILSCALE_ACCEPT_DNS\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*port +2222 +" + java.util.regex.Pattern.quote(inventory().toString())
                + ":\\d+ \\(host web1\\)\n.*"), cli.out);

        assertEquals(0, cli.run("host", "remove", "web1"), cli.output());
        String text = Files.readString(inventory());
        assertTrue(text.startsWith("# my own note\n") && text.contains("db1") && !text.contains("web1"), text);
    }

    @Test
    void anIdentityFileThatIsNotThereIsKeptWithAWarning() throws IOException {
        Path key = dir.resolve("keys/not-yet");
        assertEquals(0, cli.run("host", "add", "later", "--address", "192.0.2.30", "-i", key.toString()), cli.output());
        assertTrue(cli.output().contains("Identity file " + key + " (--identity) does not exist. Connecting to this host"
                + " fails until it can be used."), cli.output());
        assertTrue(Files.readString(inventory()).contains(key.toString()));
    }

    @Test
    void badInputIsExitTwoAndWritesNothing() throws IOException {
        assertEquals(0, cli.run("host", "add", "web1", "--address", "192.0.2.10"), cli.output());
        String before = Files.readString(inventory());
        assertEquals(2, cli.run("host", "add", "web1", "--address", "192.0.2.11"));
        assertTrue(cli.err.contains("already in " + inventory() + ": web1"), cli.err);
        assertEquals(2, cli.run("host", "add", "web2", "--address", "192.0.2.11", "--advertise-routes", "10.0.0.1/8"));
        assertTrue(cli.err.contains("--advertise-routes 10.0.0.1/8: has bits set past the prefix length; the prefix is "
                + "10.0.0.0/8"), cli.err);
        assertEquals(2, cli.run("host", "add", "web2", "--address", "192.0.2.11", "--port", "0"));
        assertEquals(2, cli.run("host", "add", "web2", "--address", "x y"));
        assertEquals(2, cli.run("host", "add", "web2", "--address", "a", "--user", "-oProxyCommand=sh"));
        assertEquals(2, cli.run("host", "add", "bad/name", "--address", "a"));
        assertEquals(2, cli.run("host", "add", "web2"));
        assertEquals(2, cli.run("host", "remove", "nosuch"));
        assertEquals(2, cli.run("host", "show", "nosuch"));
        assertEquals(2, cli.run("host", "list", "--tag", "nosuch"));
        assertEquals(before, Files.readString(inventory()));

        Files.writeString(inventory(), before + "hosts.web1.prot = 22\n");
        assertEquals(2, cli.run("host", "list"));
        assertTrue(cli.err.contains(inventory() + ":"), cli.err);
        assertTrue(cli.err.contains("hosts.web1.prot = 22: unknown key"), cli.err);
        // a broken inventory stops a command that could have named one of its hosts, before connecting
        assertEquals(2, cli.run("remote", "detect", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port())));
        assertTrue(debian.host.commands().isEmpty());
    }

    @Test
    void anInventoryNameWorksAsHostWithItsAddressPortUserAndIdentity() throws IOException {
        Path inv = dir.resolve("elsewhere.conf");
        cli.env.put("MESH_INVENTORY", inv.toString());
        assertEquals(0, cli.run("host", "add", "box", "--address", "127.0.0.1", "--port",
                String.valueOf(debian.host.port()), "--user", "steve", "-i", debian.host.clientKey().toString()),
                cli.output());
        assertTrue(Files.exists(inv));
        assertFalse(cli.output().contains("Identity file"), cli.output());
        assertEquals(0, cli.run("remote", "detect", "box"), cli.output());
        assertTrue(cli.out.contains("host:            steve@127.0.0.1:" + debian.host.port()), cli.out);
        assertTrue(cli.out.contains("distribution:    debian"), cli.out);
        // a flag still wins: a port nothing listens on fails to connect
        assertEquals(1, cli.run("remote", "detect", "box", "-p", "1"), cli.output());
        // --inventory wins over MESH_INVENTORY; a named inventory that does not exist is exit 2
        assertEquals(2, cli.run("--inventory", dir.resolve("none.conf").toString(), "remote", "detect", "box"));
        assertTrue(cli.err.contains("none.conf: inventory does not exist"), cli.err);
    }

    @Test
    void provisioningAnInventoryHostHonoursItsSkipSyncthing() {
        assertEquals(0, cli.run("host", "add", "box", "--address", "127.0.0.1", "--port",
                String.valueOf(debian.host.port()), "--user", "steve", "-i", debian.host.clientKey().toString(),
                "--skip-syncthing"), cli.output());
        assertEquals(0, cli.run("remote", "provision", "box", "-s", SERVER), cli.output());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("syncthing")), debian.host.commands().toString());
        assertTrue(cli.out.contains("Syncthing skipped"), cli.out);
    }
}
