package dev.mesh.core.inventory;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.parser.ConfigDocument;
import com.typesafe.config.parser.ConfigDocumentFactory;
import dev.mesh.core.config.MeshConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Changes an inventory file through Typesafe Config's {@link ConfigDocument}, which edits the HOCON
 * text in place: every other entry, comment and blank line stays as the user wrote it. Each change
 * runs under a lock, starts from the file as it is now, is checked by reading the result back with
 * {@link InventoryReader}, and replaces the file atomically ({@link AtomicFiles}).
 */
public final class InventoryEditor {
    private static final String NEW_FILE = "# mesh inventory (HOCON): hosts by name, defaults for every host and per tag.\n"
            + "# `mesh host show NAME` prints a host's effective values and where each came from.\n"
            + "defaults {\n}\n\ntags {\n}\n\nhosts {\n}\n";

    private final Path file;

    public InventoryEditor(Path file) {
        this.file = file;
    }

    /**
     * Adds a host.
     *
     * @param replace whether an entry of the same name is replaced; otherwise it is an error
     * @throws MeshConfigException for a duplicate name or a value the inventory would refuse
     */
    public void add(HostDraft host, boolean replace) {
        edit((inventory, doc) -> {
            refuseDuplicates(inventory, List.of(host.name()), replace, "mesh host remove " + host.name() + " first");
            return putHost(doc, host);
        });
    }

    /** @throws MeshConfigException when no host has that name */
    public void remove(String name) {
        edit((inventory, doc) -> {
            if (inventory.host(name).isEmpty()) {
                throw new MeshConfigException("no host named '" + name + "' in " + file);
            }
            return doc.withoutPath(ConfigUtil.joinPath("hosts", name));
        });
    }

    /**
     * Adds hosts, tag defaults and inventory defaults in one change (all or nothing).
     *
     * @param tagDefaults tag → key → value
     * @param replace     whether existing hosts of the same names, and existing default values of
     *                    the same keys, are replaced; otherwise any such clash refuses the whole change
     */
    public void addAll(List<HostDraft> hosts, Map<String, Map<String, Object>> tagDefaults, Map<String, Object> defaults,
            boolean replace) {
        edit((inventory, doc) -> {
            refuseDuplicates(inventory, hosts.stream().map(HostDraft::name).toList(), replace,
                    "use --replace to overwrite");
            List<String> clashes = new ArrayList<>();
            defaults.forEach((key, value) -> clash(inventory.defaults(), key, value, "defaults", clashes));
            tagDefaults.forEach((tag, values) -> {
                InventoryEntry existing = inventory.tags().get(tag);
                values.forEach((key, value) -> clash(existing, key, value, "tags." + tag, clashes));
            });
            if (!clashes.isEmpty() && !replace) {
                throw new MeshConfigException(file + " already sets " + String.join(", ", clashes)
                        + " differently; use --replace to overwrite");
            }
            ConfigDocument d = doc;
            for (Map.Entry<String, Object> e : defaults.entrySet()) {
                d = d.withValueText(path("defaults", e.getKey()), render(e.getValue()));
            }
            for (Map.Entry<String, Map<String, Object>> tag : tagDefaults.entrySet()) {
                for (Map.Entry<String, Object> e : tag.getValue().entrySet()) {
                    d = d.withValueText(path("tags", tag.getKey()) + "." + e.getKey(), render(e.getValue()));
                }
            }
            for (HostDraft host : hosts) {
                d = putHost(d, host);
            }
            return d;
        });
    }

    private void refuseDuplicates(Inventory inventory, List<String> names, boolean replace, String hint) {
        List<String> taken = names.stream().filter(n -> inventory.host(n).isPresent()).toList();
        if (!taken.isEmpty() && !replace) {
            throw new MeshConfigException("already in " + file + ": " + String.join(", ", taken) + " (" + hint + ")");
        }
    }

    private static void clash(InventoryEntry existing, String key, Object value, String where, List<String> out) {
        if (existing == null) {
            return;
        }
        HostSetting.values().stream().filter(s -> s.key().equals(key)).findFirst()
                .flatMap(existing::get)
                .filter(old -> !old.value().equals(java.util.Optional.of(value)))
                .ifPresent(old -> out.add(where + "." + key + " (" + old.origin() + ")"));
    }

    private static ConfigDocument putHost(ConfigDocument doc, HostDraft host) {
        String path = path("hosts", host.name());
        return doc.withoutPath(path).withValueText(path, entryText(host));
    }

    /** The entry as a HOCON object, one key per line, Tailscale preferences in their own block. */
    static String entryText(HostDraft host) {
        StringBuilder text = new StringBuilder("{\n");
        StringBuilder tailscale = new StringBuilder();
        host.values().forEach((key, value) -> {
            if (key.startsWith("tailscale.")) {
                tailscale.append("    ").append(key.substring("tailscale.".length())).append(" = ")
                        .append(render(value)).append('\n');
            } else {
                text.append("  ").append(key).append(" = ").append(render(value)).append('\n');
            }
        });
        if (tailscale.length() > 0) {
            text.append("  tailscale {\n").append(tailscale).append("  }\n");
        }
        return text.append('}').toString();
    }

    /** A value as HOCON text (strings quoted and escaped by Typesafe Config). */
    static String render(Object value) {
        return ConfigValueFactory.fromAnyRef(value).render(ConfigRenderOptions.concise());
    }

    private static String path(String section, String name) {
        return ConfigUtil.joinPath(section, name);
    }

    private void edit(BiFunction<Inventory, ConfigDocument, ConfigDocument> change) {
        AtomicFiles.locked(file, () -> {
            boolean exists = Files.exists(file);
            Inventory current = exists ? InventoryReader.read(file, true) : Inventory.empty(file);
            String text;
            try {
                text = exists ? Files.readString(file) : NEW_FILE;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String changed = change.apply(current, ConfigDocumentFactory.parseString(text)).render();
            AtomicFiles.write(file, changed.endsWith("\n") ? changed : changed + "\n", tmp -> check(tmp));
            return null;
        });
    }

    /** The written result must read back as a valid inventory; messages name the real file. */
    private void check(Path tmp) {
        try {
            InventoryReader.read(tmp, true);
        } catch (MeshConfigException e) {
            throw new MeshConfigException(e.getMessage().replace(tmp.toString(), file.toString()), e);
        }
    }
}
