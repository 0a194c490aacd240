package dev.mesh.core.json;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.util.Locale;

/**
 * JSON from a host or a server exceeded one of {@link JsonObjects}'s bounds (size, nesting depth,
 * string or number length). The message names what was read and the bound, never the input.
 */
public final class JsonLimitException extends IllegalArgumentException {

    public JsonLimitException(String message) {
        super(message);
    }

    /** Names the bound Jackson reported (its message names the constraint it checked). */
    static JsonLimitException of(String what, StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        String bound;
        if (m.contains("nesting depth")) {
            bound = "answer nested deeper than " + JsonObjects.MAX_DEPTH + " levels";
        } else if (m.contains("number")) {
            bound = "answer holds a number longer than " + JsonObjects.MAX_NUMBER_DIGITS + " characters";
        } else if (m.contains("document length")) {
            bound = "answer is larger than " + JsonObjects.MAX_CHARS / (1024 * 1024) + " MiB";
        } else {
            bound = "answer holds a string longer than " + JsonObjects.MAX_STRING_CHARS / 1024 + " KiB";
        }
        return new JsonLimitException(what + ": " + bound);
    }
}
