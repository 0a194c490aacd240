package dev.mesh.core.json;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.util.Map;

/**
 * Parses JSON objects (tailscale and headscale output) with Typesafe Config's strict JSON parser,
 * which mesh already depends on, rather than adding a JSON library.
 */
public final class JsonObjects {
    private JsonObjects() {
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not one JSON object; the message quotes
     *                                  no input, since the input may hold a secret
     */
    public static Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            // Typesafe Config reads an empty document as an empty object; a command that printed
            // nothing did not answer with JSON.
            throw new IllegalArgumentException("not a JSON object (empty output)");
        }
        try {
            return ConfigFactory.parseString(json, ConfigParseOptions.defaults()
                    .setSyntax(ConfigSyntax.JSON).setOriginDescription("json")).root().unwrapped();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a JSON object (" + e.getClass().getSimpleName() + ")");
        }
    }
}
