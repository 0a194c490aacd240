package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.config.SettingChecks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What {@code mesh host import} writes for an Ansible inventory: each host with its groups as tags
 * (children included, in Ansible's variable order, so "a later tag wins" gives Ansible's result),
 * {@code [group:vars]} as tag defaults and {@code [all:vars]} as inventory defaults, where a
 * variable maps; everything else is listed in {@link #skipped}.
 *
 * <p>Mapped variables, with the aliases of Ansible's ssh connection plugin: {@code ansible_host}
 * ({@code ansible_ssh_host}) → address (host only; default: the host's name, as in Ansible),
 * {@code ansible_port} ({@code ansible_ssh_port}) → port, {@code ansible_user}
 * ({@code ansible_ssh_user}) → user, {@code ansible_ssh_private_key_file}
 * ({@code ansible_private_key_file}) → identity.
 *
 * @param hosts       one entry per host, in the file's order
 * @param tagDefaults tag → key → value
 * @param defaults    key → value, from {@code [all:vars]}
 * @param skipped     one line per variable left out, naming the host or group, variable and line
 */
public record AnsibleImport(List<HostDraft> hosts, Map<String, Map<String, Object>> tagDefaults,
        Map<String, Object> defaults, List<String> skipped) {

    private static final Map<String, String> KEYS = Map.of(
            "ansible_host", "address", "ansible_ssh_host", "address",
            "ansible_port", "port", "ansible_ssh_port", "port",
            "ansible_user", "user", "ansible_ssh_user", "user",
            "ansible_ssh_private_key_file", "identity", "ansible_private_key_file", "identity");

    private static final Map<String, Function<String, Object>> CHECKS = Map.of(
            "address", HostSetting::address,
            "port", v -> SettingChecks.port(parsePort(v)),
            "user", SettingChecks::sshUser,
            "identity", v -> v);

    /**
     * @throws MeshConfigException naming the file and line of a host name, group name or mapped value
     *                             mesh cannot take
     */
    public static AnsibleImport of(AnsibleInventory ansible) {
        List<String> skipped = new ArrayList<>();
        Map<String, Object> defaults = mapped(ansible, "group all", ansible.groups().get("all").vars(), false, skipped);
        Map<String, Map<String, Object>> tagDefaults = new LinkedHashMap<>();
        for (AnsibleInventory.Group g : ansible.groups().values()) {
            if (!g.name().equals("all") && !g.name().equals("ungrouped") && !g.vars().isEmpty()) {
                Map<String, Object> values = mapped(ansible, "group " + g.name(), g.vars(), false, skipped);
                if (!values.isEmpty()) {
                    tagDefaults.put(tag(ansible, g), values);
                }
            }
        }
        List<HostDraft> hosts = new ArrayList<>();
        for (AnsibleInventory.Host h : ansible.hosts().values()) {
            if (!InventoryReader.HOST_NAME.matcher(h.name()).matches()) {
                throw new MeshConfigException(ansible.file() + ":" + h.line() + ": host name '" + h.name()
                        + "' cannot be a mesh name (letters, digits, '.', '_' and '-')");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("address", h.name());
            values.putAll(mapped(ansible, "host " + h.name(), h.vars(), true, skipped));
            List<String> tags = ansible.groupsOf(h.name()).stream()
                    .map(name -> tag(ansible, ansible.groups().get(name))).toList();
            if (!tags.isEmpty()) {
                values.put("tags", tags);
            }
            hosts.add(new HostDraft(h.name(), values));
        }
        return new AnsibleImport(hosts, tagDefaults, defaults, skipped);
    }

    private static Map<String, Object> mapped(AnsibleInventory ansible, String owner, Map<String, AnsibleInventory.Var> vars,
            boolean host, List<String> skipped) {
        Map<String, Object> out = new LinkedHashMap<>();
        vars.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.line(), b.line())))
                .forEach(e -> {
                    String key = KEYS.get(e.getKey());
                    if (key == null || key.equals("address") && !host) {
                        skipped.add(owner + ": " + e.getKey() + " (line " + e.getValue().line() + "): "
                                + (key == null ? "not a setting mesh has" : "an address belongs to one host"));
                        return;
                    }
                    try {
                        out.put(key, CHECKS.get(key).apply(e.getValue().value()));
                    } catch (IllegalArgumentException bad) {
                        throw new MeshConfigException(ansible.file() + ":" + e.getValue().line() + ": " + owner + ": "
                                + e.getKey() + "=" + e.getValue().value() + ": " + bad.getMessage());
                    }
                });
        return out;
    }

    private static String tag(AnsibleInventory ansible, AnsibleInventory.Group g) {
        if (!HostSetting.TAG.matcher(g.name()).matches()) {
            throw new MeshConfigException(ansible.file() + ":" + g.line() + ": group name '" + g.name()
                    + "' cannot be a mesh tag (letters, digits, '_' and '-')");
        }
        return g.name();
    }

    private static long parsePort(String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw new IllegalArgumentException("not a port number (1-65535)");
        }
        return Long.parseLong(text);
    }
}
