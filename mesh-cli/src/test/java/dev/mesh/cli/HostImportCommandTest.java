package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mesh host import of an Ansible INI inventory: groups, children, host and group vars, an unknown variable. */
class HostImportCommandTest {
    private static final String ANSIBLE = """
            [web]
            web[1:2].example.com ansible_user=deploy
            [web:vars]
            ansible_port=2222
            http_port=8080
            [edge]
            gw ansible_host=192.0.2.1 ansible_ssh_private_key_file=~/.ssh/gw ansible_become=true
            [edge:vars]
            ansible_user=edge
            [web:children]
            edge
            [all:vars]
            ansible_user=ops
            """;

    @TempDir
    Path dir;

    @Test
    void anAnsibleInventoryBecomesHostsTagsAndDefaults() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path ini = Files.writeString(dir.resolve("hosts.ini"), ANSIBLE);
        Path inventory = dir.resolve("xdg/mesh/hosts.conf");
        assertEquals(0, cli.run("host", "import", ini.toString()), cli.output());
        assertTrue(cli.out.contains("skipped group web: http_port (line 5): not a setting mesh has"), cli.out);
        assertTrue(cli.out.contains("skipped host gw: ansible_become (line 7): not a setting mesh has"), cli.out);
        assertTrue(cli.out.contains("Imported 3 hosts (web1.example.com, web2.example.com, gw) into " + inventory), cli.out);

        assertEquals(0, cli.run("host", "show", "gw", "--output", "json"), cli.output());
        JsonNode gw = new ObjectMapper().readTree(cli.out);
        assertEquals("192.0.2.1", gw.at("/address/value").asText());
        assertEquals("edge", gw.at("/user/value").asText()); // the child group's vars win, as in Ansible
        assertEquals("tag edge", gw.at("/user/origin/note").asText());
        assertEquals(2222, gw.at("/port/value").asInt()); // from the parent group web
        assertEquals("[\"web\",\"edge\"]", gw.at("/tags/value").toString());
        assertEquals(System.getProperty("user.home") + "/.ssh/gw", gw.at("/identity/value").asText());
        assertEquals(0, cli.run("host", "show", "web1.example.com", "--output", "json"), cli.output());
        assertEquals("deploy", new ObjectMapper().readTree(cli.out).at("/user/value").asText()); // host var wins

        String before = Files.readString(inventory);
        assertEquals(2, cli.run("host", "import", ini.toString()));
        assertTrue(cli.err.contains("already in " + inventory + ": web1.example.com, web2.example.com, gw "
                + "(use --replace to overwrite)"), cli.err);
        assertEquals(before, Files.readString(inventory));
        assertEquals(0, cli.run("host", "import", ini.toString(), "--replace"), cli.output());

        Files.writeString(ini, "[web]\nh1 ansible_port=99999\n");
        assertEquals(2, cli.run("host", "import", ini.toString()));
        assertTrue(cli.err.contains(ini + ":2: host h1: ansible_port=99999: not a port number (1-65535)"), cli.err);
        assertEquals(2, cli.run("host", "import", dir.resolve("none.ini").toString()));
    }
}
