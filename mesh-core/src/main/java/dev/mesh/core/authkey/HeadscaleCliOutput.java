package dev.mesh.core.authkey;

import java.math.BigDecimal;
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

    /** A user id as digits, from a JSON number or string. */
    private static Optional<String> id(Object id) {
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
