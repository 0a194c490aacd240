package dev.mesh.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the JSON that hosts and servers send (tailscale, the headscale CLI, Headscale's
 * REST API) with Jackson, within {@link #MAX_DEPTH}, {@link #MAX_CHARS}, {@link #MAX_STRING_CHARS} and
 * {@link #MAX_NUMBER_DIGITS}: the size is checked before parsing, the rest by Jackson's
 * {@link StreamReadConstraints} while it reads, so a hostile answer fails fast with bounded memory and
 * never with a {@link StackOverflowError}. Values come back as {@link Map} (insertion order),
 * {@link java.util.List}, {@link Number} (Integer, Long, BigInteger, Double), String, Boolean or null.
 *
 * <p>Every failure is an {@link IllegalArgumentException} whose message starts with what was read
 * ("tailscale status --json: answer nested deeper than 64 levels"); a {@link JsonLimitException} when
 * a bound was exceeded. Messages never quote the input, since it may hold a secret.
 */
public final class JsonObjects {
    /** Deepest nesting of objects and arrays accepted. */
    public static final int MAX_DEPTH = 64;
    /** Largest document accepted: 4 MiB of characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Longest string value or name accepted: 1 MiB of characters. */
    public static final int MAX_STRING_CHARS = 1024 * 1024;
    /** Longest number accepted, in characters. */
    public static final int MAX_NUMBER_DIGITS = 100;
    /** How many candidate lines {@link #find} tries before giving up (log lines before the JSON). */
    static final int MAX_FIND_ATTEMPTS = 16;

    /**
     * Reading is Jackson's streaming parser: an {@code ObjectMapper} would give the same values
     * ({@code JsonObjectsProperties} compares them), but building one (deserializer factories, type
     * resolution) showed as about 60 ms of a one-host re-check's class-load timeline, and mesh reads JSON
     * only into maps and lists.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxDocumentLength(MAX_CHARS)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .build())
            .build();

    private JsonObjects() {
    }

    /** {@link #parse(String, String)} for an answer without a better name ("JSON answer"). */
    public static Map<String, Object> parse(String json) {
        return parse("JSON answer", json);
    }

    /**
     * The one JSON object that {@code json} is (surrounding whitespace allowed).
     *
     * @param what names the answer in messages, e.g. {@code tailscale status --json}
     * @throws IllegalArgumentException when {@code json} is empty, not JSON, not an object, or exceeds a
     *                                  bound ({@link JsonLimitException})
     */
    public static Map<String, Object> parse(String what, String json) {
        Object value = parseValue(what, json);
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return object;
        }
        throw new IllegalArgumentException(what + ": not a JSON object");
    }

    /** The one JSON value that {@code json} is; failures as {@link #parse(String, String)}. */
    public static Object parseValue(String what, String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException(what + ": not a JSON object (empty output)");
        }
        checkSize(what, json);
        return read(what, json.toCharArray(), 0).orElseThrow(() -> new IllegalArgumentException(what + ": not JSON"))
                .value();
    }

    /**
     * The first JSON object or array in {@code text} that starts a line (after blanks) and is followed
     * only by blanks: the headscale CLI may print log lines before its JSON. Empty when there is none
     * among the first {@value #MAX_FIND_ATTEMPTS} such lines.
     *
     * @throws JsonLimitException when the text or a candidate exceeds a bound
     */
    public static Optional<Object> find(String what, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        checkSize(what, text);
        char[] chars = text.toCharArray();
        int attempts = 0;
        int lineStart = 0;
        while (lineStart < chars.length && attempts < MAX_FIND_ATTEMPTS) {
            int start = lineStart;
            while (start < chars.length && (chars[start] == ' ' || chars[start] == '\t' || chars[start] == '\r')) {
                start++;
            }
            if (start < chars.length && (chars[start] == '{' || chars[start] == '[')) {
                attempts++;
                Optional<Parsed> parsed = read(what, chars, start);
                if (parsed.isPresent()) {
                    return Optional.ofNullable(parsed.get().value());
                }
            }
            int newline = indexOf(chars, '\n', lineStart);
            lineStart = newline < 0 ? chars.length : newline + 1;
        }
        return Optional.empty();
    }

    /** {@code value} (Map, List, String, Number, Boolean, null) as compact JSON, e.g. a request body. */
    public static String write(Object value) {
        try {
            return Writer.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A value read, which may be JSON's null. */
    private record Parsed(Object value) {
    }

    /** One value from {@code start} to the end, or empty when that is not exactly one JSON value. */
    private static Optional<Parsed> read(String what, char[] chars, int start) {
        try (JsonParser parser = FACTORY.createParser(chars, start, chars.length - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Object value = value(parser, first);
            return parser.nextToken() == null ? Optional.of(new Parsed(value)) : Optional.empty();
        } catch (StreamConstraintsException e) {
            throw JsonLimitException.of(what, e);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from memory: cannot happen
        }
    }

    /**
     * The value that starts at {@code token}, as Jackson's untyped reading gives it: objects as
     * {@link LinkedHashMap} (a repeated name keeps its last value), arrays as {@link ArrayList},
     * integers as the smallest of Integer, Long and BigInteger, other numbers as Double. Nesting is
     * bounded by the parser ({@link #MAX_DEPTH}), so the recursion is too.
     */
    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    array.add(value(parser, t));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return parser.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** Writing, rarer (request bodies), keeps databind's ObjectMapper, built on first use. */
    private static final class Writer {
        static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
    }

    private static void checkSize(String what, String text) {
        if (text.length() > MAX_CHARS) {
            throw new JsonLimitException(what + ": answer is larger than " + MAX_CHARS / (1024 * 1024) + " MiB ("
                    + text.length() + " characters)");
        }
    }

    private static int indexOf(char[] chars, char c, int from) {
        for (int i = from; i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
