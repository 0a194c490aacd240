package dev.mesh.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Finds things by name in the host commands' {@code --output json} documents, for tests here and in {@code realhost}. */
public final class HostDocuments {
    private HostDocuments() {
    }

    /** The host named {@code name} of a document's {@code "hosts"}. */
    public static JsonNode host(JsonNode doc, String name) {
        return find(doc.get("hosts"), "name", name, doc);
    }

    /** The folder {@code id} of {@code mesh remote status}'s {@code "pairing"} object. */
    public static JsonNode folder(JsonNode pairing, String id) {
        return find(pairing.at("/status/folders"), "id", id, pairing);
    }

    private static JsonNode find(JsonNode items, String key, String value, JsonNode where) {
        for (JsonNode item : items) {
            if (item.path(key).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + key + " " + value + " in " + where);
    }
}
