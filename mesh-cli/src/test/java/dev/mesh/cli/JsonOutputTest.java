package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every command's {@code --output json} against its schema (src/test/resources/schemas), human lines on stderr. */
class JsonOutputTest extends SimulatedDebianCliTest {
    private JsonNode valid(String definition) throws Exception {
        JsonSchemas.assertValid(cli.out, definition);
        return new ObjectMapper().readTree(cli.out);
    }

    @Test
    void detectAndPrepareAndASingleProvision() throws Exception {
        String port = String.valueOf(debian.host.port());
        String key = debian.host.clientKey().toString();
        assertEquals(0, cli.run("remote", "detect", "steve@127.0.0.1", "-p", port, "-i", key, "--output", "json"),
                cli.output());
        JsonNode detect = valid("host-results");
        assertEquals("remote detect", detect.get("command").asText());
        assertEquals("linux", detect.at("/hosts/0/os/family").asText());
        assertTrue(cli.err.contains("Detected"), "human lines on stderr: " + cli.err);

        assertEquals(0, provision("steve@127.0.0.1", debian.host.port(), "--output", "json"), cli.output());
        JsonNode provision = valid("host-results");
        assertEquals("success", provision.at("/hosts/0/outcome").asText());
        assertEquals(0, provision.get("exit-code").asInt());

        cli.stdin = "wrong-password\n";
        debian.host.onExact("sudo -S -p '' true", 1, "", "Sorry, try again.\n");
        int exit = cli.run("remote", "prepare", "steve@127.0.0.1", "-p", port, "-i", key, "--sudo-password-stdin",
                "--output", "json");
        JsonNode prepare = valid("host-results");
        assertEquals("remote prepare", prepare.get("command").asText());
        assertEquals(exit, prepare.get("exit-code").asInt());
        assertFalse(cli.output().contains("wrong-password"), "no password in output");
    }

    @Test
    void aDryRunIsPlannedInTextAndJson() throws Exception {
        assertEquals(0, provision("steve@127.0.0.1", debian.host.port(), "--dry-run"), cli.output());
        assertTrue(cli.out.contains("dry run, nothing changed; a run would do:"), cli.out);
        assertTrue(cli.out.contains("  - install Tailscale\n"), cli.out);

        assertEquals(0, provision("steve@127.0.0.1", debian.host.port(), "--dry-run", "--output", "json"), cli.output());
        JsonNode plan = valid("host-results");
        assertEquals("planned", plan.at("/hosts/0/outcome").asText());
        assertEquals("PLANNED", plan.at("/hosts/0/states").get(plan.at("/hosts/0/states").size() - 1).asText());
        assertTrue(plan.at("/hosts/0/planned").toString().contains("\"install Tailscale\""), cli.out);
        assertEquals(1, plan.at("/counts/planned").asInt());
        assertFalse(debian.tailscaleInstalled, "nothing installed");
        assertEquals(0, cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count(), "no key");
    }

    @Test
    void pluginsAuthkeyHostsAndConfig() throws Exception {
        assertEquals(0, cli.run("plugins", "--output", "json"), cli.output());
        assertTrue(valid("plugins").get("plugins").size() >= 3, cli.out);

        assertEquals(0, cli.run("authkey", "create", "-u", "mesh", "--output", "json"), cli.output());
        JsonNode key = valid("authkey-create");
        assertEquals(CliHarness.KEY, key.get("key").asText(), "the key is this command's purpose");
        assertEquals("24h", key.get("expiration").asText());
        cli.headscale("0.26.0", "down");
        assertEquals(1, cli.run("authkey", "create", "-u", "mesh", "--output", "json"), cli.output());
        assertEquals("AUTH_KEY_FAILED", valid("authkey-create-failed").get("failure").get("reason").asText(), cli.out);
        cli.headscale("0.26.0", "normal");

        Path inventory = dir.resolve("hosts.conf");
        Files.writeString(inventory, "hosts { web1 { address = \"192.0.2.10\", tags = [web] } }\n");
        assertEquals(0, cli.run("--inventory", inventory.toString(), "host", "list", "--output", "json"), cli.output());
        valid("host-list");
        assertEquals(0, cli.run("--inventory", inventory.toString(), "host", "show", "web1", "--output", "json"),
                cli.output());
        valid("host-show");
        assertEquals(0, cli.run("config", "--output", "json"), cli.output());
        valid("config");
    }
}
