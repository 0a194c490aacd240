package dev.mesh.core.authkey;

import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.json.JsonLimitException;
import dev.mesh.core.json.JsonObjects;
import dev.mesh.core.text.DisplayText;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what Headscale answers, from the CLI (snake_case JSON up to 0.29, ids as numbers, timestamps
 * as {@code {"seconds":…,"nanos":…}}, false booleans left out) and the REST API (camelCase, ids as
 * strings, RFC 3339 timestamps; the CLI's shape from 0.30), through {@link JsonObjects}' bounds. An
 * answer that exceeds a bound is an {@link AuthKeyException} of kind UNEXPECTED_OUTPUT naming the
 * bound; an answer that is not what was asked for reads as empty.
 */
final class HeadscaleCliOutput {
    /**
     * A pre-auth key: 48 hex digits (≤0.27) or {@code hskey-auth-<12>-<64>} (0.28+), base64url
     * characters either way; anything else (control characters, blanks, quotes) is not a key.
     */
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{15,255}");
    /** Ids are unsigned 64-bit integers: at most 20 digits. */
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private HeadscaleCliOutput() {
    }

    /** A user from {@code headscale users list -o json} or {@code GET /api/v1/user}. */
    record User(String id, String name) {
    }

    /** A key from {@code preauthkeys create -o json} or {@code POST /api/v1/preauthkey}. */
    record CreatedKey(String key, Optional<String> id) {
    }

    /** The users in a JSON array, or in {@code {"users": [...]}}; empty when there is no list. */
    static Optional<List<User>> users(String what, String json) throws AuthKeyException {
        Optional<Object> value = json(what, json);
        Object list = value.orElse(null);
        if (list instanceof Map<?, ?> object) {
            list = object.get("users");
        }
        if (!(list instanceof List<?> entries)) {
            return Optional.empty();
        }
        List<User> users = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> user && user.get("name") instanceof String name) {
                id(user.get("id")).ifPresent(id -> users.add(new User(id, DisplayText.inline(name))));
            }
        }
        return Optional.of(users);
    }

    /**
     * The nodes in {@code nodes list -o json} output (a JSON array) or a REST answer
     * ({@code {"nodes": [...]}}, or {@code {"machines": [...]}} on 0.22). Both spellings of every field
     * are read ({@code ip_addresses}/{@code ipAddresses}, {@code given_name}/{@code givenName},
     * {@code last_seen}/{@code lastSeen}, {@code expiry}), ids as numbers or strings, a missing
     * {@code online} as false. Entries without an id are skipped.
     */
    static Optional<List<HeadscaleNode>> nodes(String what, String json) throws AuthKeyException {
        Optional<Object> value = json(what, json);
        Object list = value.orElse(null);
        if (list instanceof Map<?, ?> object) {
            list = object.containsKey("nodes") ? object.get("nodes") : object.get("machines");
            if (list == null && value.isPresent()) {
                return Optional.of(List.of()); // protojson leaves out an empty list
            }
        }
        if (!(list instanceof List<?> entries)) {
            return Optional.empty();
        }
        List<HeadscaleNode> nodes = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> node) {
                id(node.get("id")).ifPresent(id -> nodes.add(node(id, node)));
            }
        }
        return Optional.of(nodes);
    }

    private static HeadscaleNode node(String id, Map<?, ?> node) {
        Object user = node.get("user");
        String userName = DisplayText.inline(user instanceof Map<?, ?> u && u.get("name") instanceof String n ? n
                : user instanceof String n ? n : "");
        return new HeadscaleNode(id, text(node.get("name")), text(either(node, "given_name", "givenName")), userName,
                strings(either(node, "ip_addresses", "ipAddresses")), Boolean.TRUE.equals(node.get("online")),
                timestamp(either(node, "last_seen", "lastSeen")), timestamp(node.get("expiry")));
    }

    /**
     * A protobuf Timestamp as the CLI ({@code {"seconds": 1700000000, "nanos": 5}}) or the REST API
     * ({@code "2023-11-14T22:13:20Z"}) prints it; Go's zero time ({@code 0001-01-01…}), a missing value
     * and anything unreadable read as none.
     */
    static Optional<Instant> timestamp(Object value) {
        try {
            Instant instant = null;
            if (value instanceof Map<?, ?> t && t.get("seconds") != null) {
                long seconds = new BigDecimal(t.get("seconds").toString()).longValueExact();
                long nanos = t.get("nanos") == null ? 0 : new BigDecimal(t.get("nanos").toString()).longValueExact();
                instant = Instant.ofEpochSecond(seconds, nanos);
            } else if (value instanceof String text && !text.isBlank()) {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            }
            return instant == null || instant.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(instant);
        } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
            return Optional.empty(); // not a number, or beyond Instant's range
        }
    }

    /**
     * The key in {@code preauthkeys create -o json} output or a REST answer ({@code key}, possibly
     * inside {@code preAuthKey}/{@code pre_auth_key}) with its {@code id}; else a key alone on the last
     * non-empty line (plain output, no id). A value that does not look like a key is no key.
     */
    static Optional<CreatedKey> key(String what, String stdout) throws AuthKeyException {
        Optional<Object> value = json(what, stdout);
        if (value.isPresent()) {
            return jsonKey(value.get());
        }
        List<String> lines = stdout.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!lines.isEmpty() && KEY.matcher(lines.get(lines.size() - 1)).matches()) {
            return Optional.of(new CreatedKey(lines.get(lines.size() - 1), Optional.empty()));
        }
        return Optional.empty();
    }

    /**
     * The {@code error} field of JSON error output ({@code {"error": "..."}}), if that is what it is;
     * output too large or too deep to read is no error message.
     */
    static Optional<String> error(String output) {
        try {
            Optional<Object> value = JsonObjects.find("headscale error output", output);
            if (value.isPresent() && value.get() instanceof Map<?, ?> object) {
                Object error = object.containsKey("error") ? object.get("error") : object.get("Error");
                if (error instanceof String text && !text.isBlank()) {
                    return Optional.of(text.strip());
                }
            }
        } catch (JsonLimitException e) {
            // the caller quotes the raw output, shortened, instead
        }
        return Optional.empty();
    }

    private static Optional<Object> json(String what, String text) throws AuthKeyException {
        try {
            return JsonObjects.find(what, text);
        } catch (JsonLimitException e) {
            throw new AuthKeyException(Kind.UNEXPECTED_OUTPUT, e.getMessage());
        }
    }

    private static Optional<CreatedKey> jsonKey(Object value) {
        if (!(value instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        for (String wrapper : List.of("preAuthKey", "pre_auth_key")) {
            if (object.get(wrapper) instanceof Map<?, ?> inner) {
                object = inner;
            }
        }
        if (object.get("key") instanceof String key && KEY.matcher(key.strip()).matches()) {
            return Optional.of(new CreatedKey(key.strip(), id(object.get("id"))));
        }
        return Optional.empty();
    }

    private static Object either(Map<?, ?> object, String snake, String camel) {
        return object.containsKey(snake) ? object.get(snake) : object.get(camel);
    }

    /**
     * A name or address the server sent, as one line: every string a server answers is one value, and
     * a line feed in it would start a line of mesh's own output wherever it is shown.
     */
    private static String text(Object value) {
        return value instanceof String s ? DisplayText.inline(s) : "";
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast)
                .map(DisplayText::inline).toList() : List.of();
    }

    /** A user, node or key id as digits (an unsigned 64-bit integer), from a JSON number or string. */
    static Optional<String> id(Object id) {
        String text;
        if (id instanceof Integer || id instanceof Long || id instanceof java.math.BigInteger) {
            text = id.toString();
        } else if (id instanceof String string) {
            text = string.strip();
        } else {
            return Optional.empty(); // floats, objects, null: not an id
        }
        return ID.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }
}
