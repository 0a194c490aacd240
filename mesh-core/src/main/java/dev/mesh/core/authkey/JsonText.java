package dev.mesh.core.authkey;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.Optional;

/**
 * Parses the JSON the headscale CLI prints with Typesafe Config's strict JSON parser (already on the
 * class path). Lines before the JSON (log lines) are skipped; the JSON starts on a line of its own. Parse errors are swallowed on purpose: their
 * messages quote the input, and the input may hold a key.
 */
final class JsonText {
    private JsonText() {
    }

    /**
     * The JSON value in {@code text} as plain Java values (Map, List, String, Number, Boolean, null),
     * or empty when there is no well-formed JSON object or array.
     */
    static Optional<Object> parse(String text) {
        int lineStart = 0;
        while (lineStart < text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            String rest = text.substring(lineStart).stripLeading();
            if (rest.startsWith("{") || rest.startsWith("[")) {
                Optional<Object> value = parseValue(rest);
                if (value.isPresent()) {
                    return value;
                }
            }
            lineStart = lineEnd < 0 ? text.length() : lineEnd + 1;
        }
        return Optional.empty();
    }

    private static Optional<Object> parseValue(String json) {
        // Typesafe Config parses a document whose root is an object: wrap the value in one
        String document = "{\"value\":" + json + "\n}";
        try {
            return Optional.ofNullable(ConfigFactory.parseString(document,
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).root().get("value").unwrapped());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }
}
