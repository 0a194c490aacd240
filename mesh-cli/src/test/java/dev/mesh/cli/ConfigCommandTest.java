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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** mesh config: values and origins; --config problems are exit 2 for every command. */
class ConfigCommandTest {
    @TempDir
    Path dir;

    @Test
    void everySettingWithItsOriginAndTheApiKeyOnlyAsSet() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path conf = Files.writeString(dir.resolve("extra.conf"), "mesh {\n  ssh.port = 2222\n}\n");
        cli.env.put("MESH_HEADSCALE_API_KEY", "hskey-api-SECRET");
        assertEquals(0, cli.run("config", "--config", conf.toString()), cli.output());
        assertTrue(cli.out.matches("(?s).*mesh\\.ssh\\.port +2222 +" + java.util.regex.Pattern.quote(conf.toString())
                + ":2\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*mesh\\.headscale\\.sudo +\"false\" +environment MESH_HEADSCALE_SUDO\n.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*mesh\\.tailscale\\.accept-routes +\\(unset\\) +default \\(reference\\.conf[^)]*\\)\n.*"),
                cli.out);
        assertTrue(cli.out.matches("(?s).*mesh\\.headscale\\.source +\"rest\" +default \\(an API key is given.*"), cli.out);
        assertTrue(cli.out.matches("(?s).*Headscale API key +set +environment MESH_HEADSCALE_API_KEY\n.*"), cli.out);
        assertFalse(cli.output().contains("SECRET"), cli.output());

        assertEquals(0, cli.run("config", "--output", "json", "--config", conf.toString()), cli.output());
        JsonNode doc = new ObjectMapper().readTree(cli.out);
        JsonNode port = null;
        for (JsonNode s : doc.get("settings")) {
            if (s.get("key").asText().equals("mesh.ssh.port")) {
                port = s;
            }
        }
        assertEquals(2222, port.get("value").asInt());
        assertEquals("file", port.at("/origin/kind").asText());
        assertEquals(2, port.at("/origin/line").asInt());
        assertTrue(doc.at("/secrets/0/set").asBoolean());
        assertEquals("MESH_HEADSCALE_API_KEY", doc.at("/secrets/0/origin/source").asText());
        assertEquals(conf.toString(), doc.at("/files/config").asText());
        assertFalse(cli.out.contains("SECRET"));
    }

    @Test
    void anApiKeyFileThatIsNotThereIsNotShownAsSet() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path missing = dir.resolve("no-such-key");
        Path conf = Files.writeString(dir.resolve("key.conf"), "mesh.headscale.api-key-file = \"" + missing + "\"\n");
        assertEquals(0, cli.run("config", "--config", conf.toString()), cli.output());
        assertTrue(cli.out.matches("(?s).*Headscale API key +set, but its file is missing +.*"), cli.out);
        Files.writeString(missing, "hskey-api-SECRET\n");
        assertEquals(0, cli.run("config", "--output", "json", "--config", conf.toString()), cli.output());
        assertEquals("set", new ObjectMapper().readTree(cli.out).at("/secrets/0/state").asText());
        assertFalse(cli.out.contains("SECRET"));
    }

    @Test
    @Timeout(20)
    void aMissingOrNonRegularConfigFileIsExitTwoForEveryCommand() throws IOException {
        CliHarness cli = new CliHarness(dir);
        String missing = dir.resolve("nosuch.conf").toString();
        for (List<String> command : List.of(List.of("config"), List.of("plugins"), List.of("authkey", "create"),
                List.of("remote", "detect", "h"), List.of("host", "list"), List.of("remote", "provision", "h"))) {
            for (String bad : List.of(missing, "/dev/zero", dir.toString())) {
                List<String> args = new java.util.ArrayList<>(List.of("--config", bad));
                args.addAll(command);
                assertEquals(2, cli.run(args.toArray(String[]::new)), command + " " + bad + ": " + cli.output());
                assertTrue(cli.err.contains(bad + ": configuration file (given with --config)"), cli.err);
                List<String> after = new java.util.ArrayList<>(command);
                after.addAll(List.of("--config", bad));
                assertEquals(2, cli.run(after.toArray(String[]::new)), after + ": " + cli.output());
            }
        }
    }

    @Test
    void aConfigFileWithASyntaxErrorIsExitTwoForEveryCommandToo() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path broken = dir.resolve("broken.conf");
        Files.writeString(broken, "mesh {\n  ssh.port = \n");
        for (List<String> command : List.of(List.of("plugins"), List.of("completion", "bash"), List.of("config"))) {
            List<String> args = new java.util.ArrayList<>(List.of("--config", broken.toString()));
            args.addAll(command);
            assertEquals(2, cli.run(args.toArray(String[]::new)), command + ": " + cli.output());
            assertTrue(cli.err.contains("broken.conf"), cli.err);
        }
    }

    @Test
    void aBadSettingIsExitTwoNamingItWithoutTheSecret() throws IOException {
        CliHarness cli = new CliHarness(dir);
        cli.env.put("MESH_SERVER_URL", "https://admin:hunter2@hs.example.com");
        assertEquals(2, cli.run("config"));
        assertTrue(cli.err.contains("MESH_SERVER_URL=…: a URL must not carry a user name or password"), cli.err);
        assertFalse(cli.output().contains("hunter2"));
    }
}
