package dev.mesh.core.inventory;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.mesh.core.config.ConfigFiles;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an inventory file and checks all of it: an unknown key, a value of the wrong type or a bad
 * value is a {@link MeshConfigException} naming the file and line, raised before any connection.
 * <pre>
 * defaults { user = admin }                        # every host
 * tags { web { tailscale.accept-routes = false } } # hosts tagged web
 * hosts { web1 { address = "192.0.2.10", tags = [web] } }
 * </pre>
 */
public final class InventoryReader {
    /** A host name: letters, digits, '.', '_' and '-', starting with a letter, digit or '_' (an FQDN fits). */
    public static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,252}");

    private static final Set<String> SECTIONS = Set.of("defaults", "tags", "hosts");

    private InventoryReader() {
    }

    /**
     * Reads {@code file}; a file that does not exist is an empty inventory unless {@code mustExist}.
     *
     * @throws MeshConfigException naming the file and line of the first problem
     */
    public static Inventory read(Path file, boolean mustExist) {
        Config config = ConfigFiles.parse(file, "inventory", !mustExist);
        try {
            return read(file, config.resolve());
        } catch (ConfigException e) {
            throw new MeshConfigException(e.getMessage(), e);
        }
    }

    /** Reads an already parsed (and resolved) inventory. */
    public static Inventory read(Path file, Config config) {
        for (Map.Entry<String, ConfigValue> e : config.root().entrySet()) {
            if (!SECTIONS.contains(e.getKey())) {
                throw problem(e.getValue(), e.getKey(), "unknown section (an inventory has defaults, tags and hosts)");
            }
        }
        InventoryEntry defaults = object(config, "defaults").map(o -> entry("defaults", o, "defaults", false))
                .orElse(new InventoryEntry("defaults", Map.of()));
        return new Inventory(file, defaults, sections(config, "tags"), sections(config, "hosts"));
    }

    private static Map<String, InventoryEntry> sections(Config config, String section) {
        Map<String, InventoryEntry> out = new LinkedHashMap<>();
        boolean hosts = section.equals("hosts");
        object(config, section).ifPresent(all -> all.forEach((name, value) -> {
            String path = ConfigUtil.joinPath(section, name);
            if (!(hosts ? HOST_NAME : HostSetting.TAG).matcher(name).matches()) {
                throw problem(value, path, hosts ? "not a host name (letters, digits, '.', '_' and '-')"
                        : "not a tag name (letters, digits, '_' and '-')");
            }
            if (value.valueType() != ConfigValueType.OBJECT) {
                throw problem(value, path, "must be an object { ... }");
            }
            out.put(name, entry(name, (ConfigObject) value, path, hosts));
        }));
        return out;
    }

    private static InventoryEntry entry(String name, ConfigObject object, String path, boolean host) {
        String note = path.startsWith("hosts") ? "host " + name : path.startsWith("tags") ? "tag " + name : "defaults";
        checkKeys(object, path, host);
        Config entry = object.toConfig();
        Map<HostSetting, Sourced<Object>> values = new LinkedHashMap<>();
        for (HostSetting setting : HostSetting.values()) {
            if (!entry.hasPathOrNull(setting.key())) {
                continue;
            }
            ConfigValue value = value(entry, setting.key());
            Origin origin = Origin.of(value.origin()).withNote(note);
            if (value.valueType() == ConfigValueType.NULL) {
                values.put(setting, Sourced.unset(origin));
                continue;
            }
            try {
                values.put(setting, Sourced.of(setting.read(entry), origin));
            } catch (IllegalArgumentException e) {
                throw problem(value, path + "." + setting.key(), e.getMessage());
            } catch (ConfigException.WrongType e) {
                throw problem(value, path + "." + setting.key(), "must be " + expected(setting));
            }
        }
        return new InventoryEntry(name, values);
    }

    /** Every key of the section must be one mesh knows, and fit the section (address/tags: hosts only). */
    private static void checkKeys(ConfigObject object, String path, boolean host) {
        Set<String> allowed = HostSetting.values().stream().filter(s -> host || !s.hostOnly())
                .map(HostSetting::key).collect(Collectors.toSet());
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String key = e.getKey();
            if ((key.equals("tailscale") || key.equals("syncthing")) && e.getValue().valueType() == ConfigValueType.OBJECT) {
                ((ConfigObject) e.getValue()).forEach((k, v) -> {
                    if (key.equals("syncthing") && !allowed.contains("syncthing." + k)) {
                        throw problem(v, path + ".syncthing." + k, "unknown key (known: folders)");
                    }
                    if (key.equals("tailscale") && !allowed.contains("tailscale." + k)) {
                        throw problem(v, path + ".tailscale." + k, "unknown key (known: " + known(allowed, true) + ")");
                    }
                });
            } else if (!allowed.contains(key)) {
                boolean hostOnly = HostSetting.values().stream().anyMatch(s -> s.key().equals(key) && s.hostOnly());
                throw problem(e.getValue(), path + "." + key, hostOnly ? "only a host's own entry may set " + key
                        : "unknown key (known: " + known(allowed, false) + ")");
            }
        }
    }

    private static String known(Set<String> allowed, boolean tailscale) {
        return allowed.stream().filter(k -> k.startsWith("tailscale.") == tailscale && !k.startsWith("syncthing.")).sorted()
                .map(k -> tailscale ? k.substring("tailscale.".length()) : k).collect(Collectors.joining(", "))
                + (tailscale ? "" : ", syncthing.folders { ... }, tailscale { ... }");
    }

    private static String expected(HostSetting setting) {
        if (setting.preference() != null) {
            return setting.preference().expected();
        }
        return switch (setting.key()) {
            case "port" -> "a port number";
            case "tags" -> "a list of tag names";
            case "skip-syncthing" -> "true or false";
            case "syncthing.folders" -> "an object of folder ID = path";
            default -> "a string";
        };
    }

    private static Optional<ConfigObject> object(Config config, String section) {
        if (!config.hasPathOrNull(section)) {
            return Optional.empty();
        }
        ConfigValue value = config.root().get(section);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw problem(value, section, "must be an object { ... }");
        }
        return Optional.of((ConfigObject) value);
    }

    /** The value at a path that may be null (Config.getValue refuses nulls). */
    private static ConfigValue value(Config entry, String key) {
        List<String> parts = ConfigUtil.splitPath(key);
        ConfigObject parent = parts.size() == 1 ? entry.root() : entry.getObject(parts.get(0));
        return parent.get(parts.get(parts.size() - 1));
    }

    private static MeshConfigException problem(ConfigValue value, String path, String why) {
        Origin origin = Origin.of(value.origin());
        String shown = value.valueType() == ConfigValueType.OBJECT ? "" : " = "
                + value.render(com.typesafe.config.ConfigRenderOptions.concise());
        return new MeshConfigException(origin.source() + (origin.line() > 0 ? ":" + origin.line() : "") + ": "
                + path + shown + ": " + why);
    }
}
