package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mesh.core.config.MeshConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnsibleIniParserTest {
    /** Ansible's own example 1 (lib/ansible/plugins/inventory/ini.py), plus mesh's variables. */
    static final String EXAMPLE = """
            [web]
            host1
            host2 ansible_port=222 # defined inline, interpreted as an integer

            [web:vars]
            http_port=8080 # all members of 'web' will inherit these
            ansible_user=deploy

            [web:children] # child groups will automatically add their hosts to parent group
            apache
            nginx

            [apache]
            tomcat1
            tomcat2 myvar=34 ansible_host=10.0.0.12 ansible_ssh_private_key_file="~/.ssh/id tomcat"
            tomcat3 mysecret="'03#pa33w0rd'"

            [nginx]
            jenkins1

            [nginx:vars]
            ansible_user = www

            [all:vars]
            has_java = False # 'all' is 'top' parent
            ansible_port=2200
            """;

    static AnsibleInventory parse(String text) {
        return AnsibleIniParser.parse("inv.ini", text.lines().toList());
    }

    static String error(String text) {
        return assertThrows(MeshConfigException.class, () -> AnsibleImport.of(parse(text))).getMessage();
    }

    @Test
    void groupsChildrenAndVariablesAsAnsibleReadsThem() {
        AnsibleInventory inv = parse(EXAMPLE);
        assertEquals(List.of("host1", "host2", "tomcat1", "tomcat2", "tomcat3", "jenkins1"), List.copyOf(inv.hosts().keySet()));
        assertEquals(List.of("apache", "nginx"), inv.groups().get("web").children());
        assertEquals("222", inv.hosts().get("host2").vars().get("ansible_port").value());
        assertEquals("03#pa33w0rd", inv.hosts().get("tomcat3").vars().get("mysecret").value());
        assertEquals("~/.ssh/id tomcat", inv.hosts().get("tomcat2").vars().get("ansible_ssh_private_key_file").value());
        assertEquals("www", inv.groups().get("nginx").vars().get("ansible_user").value());
        // parents first, then children: nginx's ansible_user wins over web's, as in Ansible
        assertEquals(List.of("web", "nginx"), inv.groupsOf("jenkins1"));
        assertEquals(List.of("web"), inv.groupsOf("host1"));
    }

    @Test
    void importMapsWhatMeshHasAndReportsTheRest() {
        AnsibleImport plan = AnsibleImport.of(parse(EXAMPLE));
        assertEquals(Map.of("port", 2200), plan.defaults());
        assertEquals(Map.of("web", Map.of("user", "deploy"), "nginx", Map.of("user", "www")), plan.tagDefaults());
        HostDraft tomcat2 = plan.hosts().stream().filter(h -> h.name().equals("tomcat2")).findFirst().orElseThrow();
        assertEquals(Map.of("address", "10.0.0.12", "identity", "~/.ssh/id tomcat", "tags", List.of("web", "apache")),
                tomcat2.values());
        HostDraft host2 = plan.hosts().get(1);
        assertEquals(Map.of("address", "host2", "port", 222, "tags", List.of("web")), host2.values());
        assertEquals(List.of(
                "group all: has_java (line 25): not a setting mesh has",
                "group web: http_port (line 6): not a setting mesh has",
                "host tomcat2: myvar (line 15): not a setting mesh has",
                "host tomcat3: mysecret (line 16): not a setting mesh has"), plan.skipped());
    }

    @Test
    void aRangeOfMoreHostsThanMeshImportsIsRefusedAtOnceNestedOrNot() {
        for (String line : List.of("h[1:100000]", "h[1:1000]-[1:1000]", "h[0000:9999]")) {
            MeshConfigException e = assertThrows(MeshConfigException.class, () -> parse("[g]\n" + line + "\n"));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("more than 2000 hosts"), e.getMessage());
        }
        assertEquals(2000, parse("[g]\nh[1:2000]\n").hosts().size());
    }

    @Test
    void anInventoryThatIsNotUtf8IsBadInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("inv.ini");
        java.nio.file.Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, '[', 'g', ']', '\n', 'h', '1', '\n'});
        MeshConfigException e = assertThrows(MeshConfigException.class, () -> AnsibleIniParser.parse(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void rangesPortsAndUngroupedHosts() {
        AnsibleInventory inv = parse("""
                lone.example.com:2222
                [db]
                db-[a:c].example.com
                web[01:03]:2200 ansible_user=ops
                [10.0.0.5]:22
                10.0.1.[1:9:4]
                """);
        assertEquals(List.of("lone.example.com", "db-a.example.com", "db-b.example.com", "db-c.example.com",
                "web01", "web02", "web03", "10.0.0.5", "10.0.1.1", "10.0.1.5", "10.0.1.9"), List.copyOf(inv.hosts().keySet()));
        assertEquals("2222", inv.hosts().get("lone.example.com").vars().get("ansible_port").value());
        assertEquals("2200", inv.hosts().get("web02").vars().get("ansible_port").value());
        assertEquals("ops", inv.hosts().get("web03").vars().get("ansible_user").value());
        assertEquals(List.of(), inv.groupsOf("lone.example.com"));
        assertEquals(List.of("lone.example.com"), inv.groups().get("ungrouped").hosts());
    }

    @Test
    void whatAnsibleRefusesMeshRefusesWithTheLine() {
        assertEquals("inv.ini:1: Section [web:vars] not valid for undefined group: web", error("[web:vars]\nx=1\n"));
        assertEquals("inv.ini:2: Section [web:children] includes undefined group: app", error("[web:children]\napp\n"));
        assertEquals("inv.ini:5: Adding group 'a' as child to 'b' creates a recursive dependency loop.",
                error("[a:children]\nb\n[b]\n[b:children]\na\n"));
        assertEquals("inv.ini:1: Section [web:nope] has unknown type: nope", error("[web:nope]\n"));
        assertEquals("inv.ini:2: Expected key=value host variable assignment, got: oops", error("[web]\nh1 oops\n"));
        assertEquals("inv.ini:2: Error parsing host definition 'h1 a=\"x': No closing quotation", error("[web]\nh1 a=\"x\n"));
        assertEquals("inv.ini:1: Error parsing host definition 'w[3:1:0]': host range step must be at least 1",
                error("w[3:1:0]\n"));
        assertEquals("inv.ini:1: Error parsing host definition 'w[01:3]': host range must specify equal-length begin "
                + "and end formats", error("w[01:3]\n"));
        assertEquals("inv.ini:1: host h1: ansible_port=ssh: not a port number (1-65535)", error("h1 ansible_port=ssh\n"));
        assertEquals("inv.ini:1: host h1: ansible_user=-x: not a user name (OpenSSH refuses control characters, "
                + "a leading '-', any of '`\";&<>|(){} and a trailing backslash)", error("h1 ansible_user=-x\n"));
        // Ansible's to_safe_group_name turns web-servers into web_servers
        assertEquals(List.of("web_servers"), parse("[web-servers]\nh1\n").groupsOf("h1"));
    }
}
