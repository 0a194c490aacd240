package dev.mesh.core.authkey;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what the headscale CLI prints. Accepts the CLI's snake_case JSON (up to 0.29) and the REST
 * API's camelCase shape (the CLI's from 0.30), ids as numbers or strings.
 */
final class HeadscaleCliOutput {
    /** A pre-auth key on a line of its own: 48 hex digits (≤0.27) or {@code hskey-auth-…} (0.28+). */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{15,}");

    private HeadscaleCliOutput() {
    }

    /** A user from {@code headscale users list -o json}. */
    record User(String id, String name) {
    }

    /** The users in {@code users list -o json} output: a JSON array, or {@code {"users": [...]}}. */
    static Optional<List<User>> users(String json) {
        Optional<Object> value = JsonText.parse(json);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object list = value.get();
        if (list instanceof Map<?, ?> object) {
            list = object.get("users");
        }
        if (!(list instanceof List<?> entries)) {
            return Optional.empty();
        }
        List<User> users = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> user && user.get("name") instanceof String name) {
                id(user.get("id")).ifPresent(id -> users.add(new User(id, name)));
            }
        }
        return Optional.of(users);
    }

    /**
     * The nodes in {@code nodes list -o json} output (a JSON array) or a REST answer
     * ({@code {"nodes": [...]}}, or {@code {"machines": [...]}} on 0.22). Both spellings of every field
     * are read ({@code ip_addresses}/{@code ipAddresses}, {@code given_name}/{@code givenName}, ...),
     * ids as numbers or strings, a missing {@code online} as false, {@code last_seen} as
     * {@code {"seconds":…,"nanos":…}} or RFC 3339.
     */
    static Optional<List<HeadscaleNode>> nodes(String json) {
        Optional<Object> value = JsonText.parse(json);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Object list = value.get();
        if (list instanceof Map<?, ?> object) {
            list = object.containsKey("nodes") ? object.get("nodes") : object.get("machines");
            if (list == null) {
                return Optional.of(List.of()); // protojson leaves out an empty list
            }
        }
        if (!(list instanceof List<?> entries)) {
            return Optional.empty();
        }
        List<HeadscaleNode> nodes = new ArrayList<>();
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> node) {
                Optional<String> id = id(node.get("id"));
                if (id.isEmpty()) {
                    continue;
                }
                Object user = node.get("user");
                String userName = user instanceof Map<?, ?> u && u.get("name") instanceof String n ? n
                        : user instanceof String n ? n : "";
                nodes.add(new HeadscaleNode(id.get(), text(node.get("name")),
                        text(either(node, "given_name", "givenName")), userName,
                        strings(either(node, "ip_addresses", "ipAddresses")),
                        Boolean.TRUE.equals(node.get("online")), timestamp(either(node, "last_seen", "lastSeen"))));
            }
        }
        return Optional.of(nodes);
    }

    /**
     * A protobuf Timestamp as the CLI ({@code {"seconds": 1700000000, "nanos": 5}}) or the REST API
     * ({@code "2023-11-14T22:13:20Z"}) prints it; Go's zero time ({@code 0001-01-01…}) reads as none.
     */
    static Optional<Instant> timestamp(Object value) {
        Instant instant = null;
        if (value instanceof Map<?, ?> t && t.get("seconds") != null) {
            long seconds = new BigDecimal(t.get("seconds").toString()).longValue();
            long nanos = t.get("nanos") == null ? 0 : new BigDecimal(t.get("nanos").toString()).longValue();
            instant = Instant.ofEpochSecond(seconds, nanos);
        } else if (value instanceof String text && !text.isBlank()) {
            try {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return instant == null || instant.getEpochSecond() <= 0 ? Optional.empty() : Optional.of(instant);
    }

    /**
     * The key in {@code preauthkeys create -o json} output ({@code key}, possibly inside
     * {@code preAuthKey}/{@code pre_auth_key}), else a key alone on the last non-empty line (plain
     * output).
     */
    static Optional<String> key(String stdout) {
        Optional<Object> value = JsonText.parse(stdout);
        if (value.isPresent()) {
            return jsonKey(value.get());
        }
        List<String> lines = stdout.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!lines.isEmpty() && PLAIN_KEY.matcher(lines.get(lines.size() - 1)).matches()) {
            return Optional.of(lines.get(lines.size() - 1));
        }
        return Optional.empty();
    }

    /** The {@code error} field of JSON error output ({@code {"error": "..."}}), if that is what it is. */
    static Optional<String> error(String output) {
        Optional<Object> value = JsonText.parse(output);
        if (value.isPresent() && value.get() instanceof Map<?, ?> object) {
            Object error = object.containsKey("error") ? object.get("error") : object.get("Error");
            if (error instanceof String text && !text.isBlank()) {
                return Optional.of(text.strip());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> jsonKey(Object value) {
        if (!(value instanceof Map<?, ?> object)) {
            return Optional.empty();
        }
        for (String wrapper : List.of("preAuthKey", "pre_auth_key")) {
            if (object.get(wrapper) instanceof Map<?, ?> inner) {
                object = inner;
            }
        }
        if (object.get("key") instanceof String key && !key.isBlank()) {
            return Optional.of(key.strip());
        }
        return Optional.empty();
    }

    private static Object either(Map<?, ?> object, String snake, String camel) {
        return object.containsKey(snake) ? object.get(snake) : object.get(camel);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : "";
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** A user or node id as digits, from a JSON number or string. */
    static Optional<String> id(Object id) {
        String text;
        if (id instanceof Number number) {
            text = new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        } else if (id instanceof String string) {
            text = string.strip();
        } else {
            return Optional.empty();
        }
        return text.matches("[0-9]+") ? Optional.of(text) : Optional.empty();
    }
}
