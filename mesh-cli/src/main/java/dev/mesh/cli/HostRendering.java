package dev.mesh.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import dev.mesh.core.config.TailscalePreference;
import dev.mesh.core.inventory.ResolvedHost;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How {@code mesh host list/show} and {@code mesh config} render values and origins: aligned text
 * lines, or JSON (Jackson) with the inventory's own key names. Shapes: README "JSON output".
 */
final class HostRendering {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HostRendering() {
    }

    /** Each value of a host by its inventory key (address, port, …, tailscale.accept-routes). */
    static Map<String, Sourced<?>> fields(ResolvedHost host) {
        Map<String, Sourced<?>> f = new LinkedHashMap<>();
        f.put("address", host.address());
        f.put("port", host.port());
        f.put("user", host.user());
        f.put("identity", host.identity());
        f.put("tags", host.tags());
        f.put("skip-syncthing", host.skipSyncthing());
        for (TailscalePreference p : TailscalePreference.values()) {
            f.put("tailscale." + p.key(), host.tailscale().get(p));
        }
        return f;
    }

    /**
     * {@code {"name": …, "address": …, …, "tailscale": {"accept-routes": …}}}; with origins, each value
     * is {@code {"value": …, "origin": {…}}}.
     */
    static ObjectNode host(ResolvedHost host, boolean withOrigins) {
        ObjectNode node = JSON.createObjectNode().put("name", host.name());
        ObjectNode tailscale = JSON.createObjectNode();
        fields(host).forEach((key, sourced) -> {
            JsonNode value = value(sourced);
            JsonNode shown = withOrigins ? JSON.createObjectNode().<ObjectNode>set("value", value)
                    .set("origin", origin(sourced.origin())) : value;
            if (key.startsWith("tailscale.")) {
                tailscale.set(key.substring("tailscale.".length()), shown);
            } else {
                node.set(key, shown);
            }
        });
        return node.set("tailscale", tailscale);
    }

    /** {@code {"kind": "file", "source": PATH, "line": 12, "note": "tag web"}}; line and note only when known. */
    static ObjectNode origin(Origin origin) {
        ObjectNode node = JSON.createObjectNode().put("kind", origin.kind().name().toLowerCase(Locale.ROOT))
                .put("source", origin.source());
        if (origin.line() > 0) {
            node.put("line", origin.line());
        }
        if (!origin.note().isEmpty()) {
            node.put("note", origin.note());
        }
        return node;
    }

    static JsonNode value(Sourced<?> sourced) {
        return JSON.valueToTree(sourced.value().map(v -> v instanceof Path p ? p.toString() : v).orElse(null));
    }

    /** Text for a value: lists comma-separated, unset as {@code (unset)}. */
    static String text(Object value) {
        if (value == null) {
            return "(unset)";
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "(none)" : String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** Rows of key, value, origin in three aligned columns. */
    static List<String> table(Map<String, String[]> rows) {
        int k = rows.keySet().stream().mapToInt(String::length).max().orElse(0);
        int v = rows.values().stream().mapToInt(r -> r[0].length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        rows.forEach((key, r) -> lines.add(String.format("  %-" + k + "s  %-" + v + "s  %s", key, r[0], r[1])));
        return lines;
    }

    static void print(PrintWriter out, JsonNode document) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of plain values always serialises
        }
        out.flush();
    }
}
