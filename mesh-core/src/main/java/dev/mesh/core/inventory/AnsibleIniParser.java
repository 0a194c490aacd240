package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Ansible INI inventory by the rules of Ansible's own {@code ini} inventory plugin
 * (lib/ansible/plugins/inventory/ini.py): lines before any section are hosts of {@code ungrouped};
 * {@code [g]} holds hosts (a pattern, then {@code key=value} words split like a shell), {@code [g:vars]}
 * one {@code key=value} per line, {@code [g:children]} group names; a group may be named in
 * {@code :children} before it is declared, but a {@code :vars} or {@code :children} of a group never
 * declared is an error, as is a loop of children. Lines starting with {@code #} or {@code ;} are
 * comments. Values are read as Ansible's {@code ast.literal_eval} would for what mesh uses (quoted
 * strings, integers); anything else stays text.
 */
public final class AnsibleIniParser {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");
    private static final Pattern UNSAFE_GROUP_CHARS = Pattern.compile("^[\\d\\W]|[^\\w]", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern QUOTED = Pattern.compile("^(['\"])(.*)\\1(\\s*#.*)?$");
    private static final Pattern INTEGER = Pattern.compile("^([+-]?[0-9]+)(\\s*#.*)?$");

    private final String file;
    private final Map<String, AnsibleInventory.Host> hosts = new LinkedHashMap<>();
    private final Map<String, MutableGroup> groups = new LinkedHashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private int line;

    private AnsibleIniParser(String file) {
        this.file = file;
        groups.put("all", new MutableGroup("all", 0));
        groups.put("ungrouped", new MutableGroup("ungrouped", 0));
    }

    /** @throws MeshConfigException naming the file and line, as Ansible would refuse the file */
    public static AnsibleInventory parse(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.CharacterCodingException e) { // bad input, as Ansible refuses it: exit 2
            throw new MeshConfigException(file + ": not UTF-8 text (Ansible reads inventories as UTF-8); convert it,"
                    + " e.g. with iconv -t UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses {@code lines}; {@code file} names them in messages. */
    public static AnsibleInventory parse(String file, List<String> lines) {
        return new AnsibleIniParser(file).run(lines);
    }

    private AnsibleInventory run(List<String> lines) {
        String group = "ungrouped";
        String state = "hosts";
        for (String raw : lines) {
            line++;
            String text = raw.strip();
            if (text.isEmpty() || text.charAt(0) == '#' || text.charAt(0) == ';') {
                continue;
            }
            Matcher section = SECTION.matcher(text);
            if (section.matches()) {
                group = safeGroupName(section.group(1));
                state = section.group(2) == null ? "hosts" : section.group(2);
                if (!Set.of("hosts", "children", "vars").contains(state)) {
                    throw error("Section [" + section.group(1) + ":" + state + "] has unknown type: " + state);
                }
                declare(group, state);
                continue;
            } else if (text.startsWith("[") && text.endsWith("]")) {
                throw error("Invalid section entry: '" + text + "'. Please make sure that there are no spaces in the "
                        + "section entry, and that there are no other invalid characters");
            }
            switch (state) {
                case "hosts" -> hostLine(group, text);
                case "vars" -> varLine(group, text);
                default -> childLine(group, text);
            }
        }
        for (Pending p : pending.values()) {
            throw new MeshConfigException(file + ":" + p.line + ": " + (p.state.equals("vars")
                    ? "Section [" + p.name + ":vars] not valid for undefined group: " + p.name
                    : "Section [" + p.parents.get(p.parents.size() - 1) + ":children] includes undefined group: " + p.name));
        }
        Map<String, AnsibleInventory.Group> out = new LinkedHashMap<>();
        groups.forEach((name, g) -> out.put(name, new AnsibleInventory.Group(name, g.line, List.copyOf(g.hosts),
                List.copyOf(g.children), Map.copyOf(g.vars))));
        Map<String, AnsibleInventory.Host> readOnly = new LinkedHashMap<>();
        hosts.forEach((name, h) -> readOnly.put(name, new AnsibleInventory.Host(name, h.line(),
                java.util.Collections.unmodifiableMap(h.vars()))));
        return new AnsibleInventory(file, java.util.Collections.unmodifiableMap(readOnly),
                java.util.Collections.unmodifiableMap(out));
    }

    private void declare(String group, String state) {
        if (!groups.containsKey(group)) {
            if (state.equals("vars") && !pending.containsKey(group)) {
                pending.put(group, new Pending(group, line, "vars", new ArrayList<>()));
            }
            groups.put(group, new MutableGroup(group, line));
        }
        Pending p = pending.get(group);
        if (p != null && !state.equals("vars")) {
            if (p.state.equals("children")) {
                addPendingChildren(group);
            } else {
                pending.remove(group);
            }
        }
    }

    private void addPendingChildren(String group) {
        for (String parent : pending.get(group).parents) {
            addChild(parent, group);
            Pending p = pending.get(parent);
            if (p != null && p.state.equals("children")) {
                addPendingChildren(parent);
            }
        }
        pending.remove(group);
    }

    private void hostLine(String group, String text) {
        List<String> words;
        AnsibleHostPattern pattern;
        try {
            words = Shlex.split(text);
            pattern = AnsibleHostPattern.parse(words.get(0));
        } catch (IllegalArgumentException e) {
            throw error("Error parsing host definition '" + text + "': " + e.getMessage());
        }
        Map<String, AnsibleInventory.Var> vars = new LinkedHashMap<>();
        pattern.port().ifPresent(p -> vars.put("ansible_port", new AnsibleInventory.Var(String.valueOf(p), line)));
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw error("Expected key=value host variable assignment, got: " + word);
            }
            vars.put(word.substring(0, eq), new AnsibleInventory.Var(literal(word.substring(eq + 1)), line));
        }
        for (String name : pattern.names()) {
            AnsibleInventory.Host host = hosts.computeIfAbsent(name,
                    n -> new AnsibleInventory.Host(n, line, new LinkedHashMap<>()));
            host.vars().putAll(vars);
            groups.get(group).hosts.add(name);
        }
    }

    private void varLine(String group, String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw error("Expected key=value, got: " + text);
        }
        groups.get(group).vars.put(text.substring(0, eq).strip(),
                new AnsibleInventory.Var(literal(text.substring(eq + 1).strip()), line));
    }

    private void childLine(String group, String text) {
        Matcher m = GROUP_NAME.matcher(text);
        if (!m.matches()) {
            throw error("Expected group name, got: " + text);
        }
        String child = m.group(1);
        if (!groups.containsKey(child)) {
            pending.computeIfAbsent(child, c -> new Pending(c, line, "children", new ArrayList<>())).parents.add(group);
        } else {
            addChild(group, child);
        }
    }

    private void addChild(String parent, String child) {
        if (parent.equals(child) || ancestors(parent).contains(child)) {
            throw error("Adding group '" + child + "' as child to '" + parent + "' creates a recursive dependency loop.");
        }
        groups.get(parent).children.add(child);
    }

    private Set<String> ancestors(String group) {
        Set<String> out = new LinkedHashSet<>();
        groups.values().stream().filter(g -> g.children.contains(group)).forEach(g -> {
            out.add(g.name);
            out.addAll(ancestors(g.name));
        });
        return out;
    }

    /** What {@code ast.literal_eval} makes of the values mesh reads: a quoted string's text, an integer's digits. */
    static String literal(String value) {
        String v = value.strip();
        Matcher quoted = QUOTED.matcher(v);
        if (quoted.matches()) {
            return quoted.group(2);
        }
        Matcher integer = INTEGER.matcher(v);
        return integer.matches() ? integer.group(1) : value;
    }

    /** Ansible's {@code to_safe_group_name(force=True)}: each character a variable name cannot hold becomes '_'. */
    static String safeGroupName(String name) {
        return UNSAFE_GROUP_CHARS.matcher(name).replaceAll("_");
    }

    private MeshConfigException error(String message) {
        return new MeshConfigException(file + ":" + line + ": " + message);
    }

    private static final class MutableGroup {
        final String name;
        final int line;
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, AnsibleInventory.Var> vars = new LinkedHashMap<>();

        MutableGroup(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    private record Pending(String name, int line, String state, List<String> parents) {
    }
}
