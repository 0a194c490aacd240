package dev.mesh.core.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An Ansible INI inventory as {@link AnsibleIniParser} read it.
 *
 * @param file   the file, for messages
 * @param hosts  host name → its variables, in the order hosts first appear
 * @param groups group name → its hosts, child groups and variables, in the order groups first
 *               appear; {@code all} and {@code ungrouped} are always there
 */
public record AnsibleInventory(String file, Map<String, Host> hosts, Map<String, Group> groups) {

    /** A variable and the line that set it. */
    public record Var(String value, int line) {
    }

    /**
     * @param line the line that first named the host
     * @param vars its own variables ({@code ansible_port} from {@code host:PORT} included)
     */
    public record Host(String name, int line, Map<String, Var> vars) {
    }

    /**
     * @param children the groups declared in its {@code [name:children]}
     * @param vars     its {@code [name:vars]}
     */
    public record Group(String name, int line, List<String> hosts, List<String> children, Map<String, Var> vars) {
    }

    /**
     * The groups {@code host} belongs to, directly or through child groups, without {@code all} and
     * {@code ungrouped}, in the order Ansible applies their variables (lib/ansible/inventory/helpers.py
     * {@code sort_groups}: by depth below {@code all}, then by name; a later one wins).
     */
    public List<String> groupsOf(String host) {
        Map<String, Integer> depth = new HashMap<>();
        groups.keySet().forEach(g -> depth(g, depth));
        Set<String> member = new HashSet<>();
        groups.values().stream().filter(g -> g.hosts().contains(host)).forEach(g -> addWithAncestors(g.name(), member));
        member.removeAll(List.of("all", "ungrouped"));
        List<String> sorted = new ArrayList<>(member);
        sorted.sort(Comparator.<String>comparingInt(depth::get).thenComparing(Comparator.naturalOrder()));
        return sorted;
    }

    private void addWithAncestors(String group, Set<String> out) {
        if (out.add(group)) {
            groups.values().stream().filter(p -> p.children().contains(group)).forEach(p -> addWithAncestors(p.name(), out));
        }
    }

    /** Longest path from {@code all} (depth 0); a top-level group is 1 (Ansible's Group.depth). */
    private int depth(String group, Map<String, Integer> memo) {
        Integer known = memo.get(group);
        if (known != null) {
            return known;
        }
        int d = group.equals("all") ? 0 : 1;
        for (Group parent : groups.values()) {
            if (parent.children().contains(group) && !parent.name().equals("all")) {
                d = Math.max(d, depth(parent.name(), memo) + 1);
            }
        }
        memo.put(group, d);
        return d;
    }
}
