package dev.mesh.core.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonObjects} reads with Jackson's streaming parser and builds the maps and lists itself; it
 * must give what databind's untyped reading ({@code readValue(text, Object.class)}, trailing tokens
 * refused) gives, for well-formed documents and for token soup alike.
 */
class JsonObjectsProperties {
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Property(tries = 400)
    void readsWhatDatabindReads(@ForAll("documents") String json) {
        assertEquals(databind(json), ours(json), json);
    }

    @Provide
    Arbitrary<String> documents() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"a\"", "\"a\"", "\"b\"", "\"\\u00e9\"",
                "1", "-0", "2147483648", "9223372036854775808", "1.5", "1e3", "-2.5E-3", "true", "false", "null",
                " ", "\n", "x", "\"");
        Arbitrary<String> soup = tokens.list().ofMaxSize(40).map(l -> String.join("", l));
        return Arbitraries.oneOf(soup, value(4));
    }

    /** A well-formed value nested at most {@code depth} deep, with repeated names now and then. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> scalar = Arbitraries.of("1", "-7", "4294967296", "123456789012345678901234567890", "0.25",
                "6.02e23", "true", "false", "null", "\"\"", "\"text\"", "\"tab\\tquote\\\"\"");
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> inner = Arbitraries.lazy(() -> value(depth - 1));
        Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> member = Arbitraries.of("a", "b", "Self", "a.b").flatMap(
                name -> inner.map(v -> "\"" + name + "\": " + v));
        Arbitrary<String> object = member.list().ofMaxSize(4).map(l -> "{" + String.join(", ", l) + "}");
        return Arbitraries.oneOf(scalar, array, object);
    }

    /** What a reader made of a document: a value (compared with its Java types), or a refusal. */
    private record Outcome(boolean read, Object value) {
    }

    private static Outcome databind(String json) {
        try {
            return new Outcome(true, DATABIND.readValue(json, Object.class));
        } catch (Exception e) {
            return new Outcome(false, null);
        }
    }

    private static Outcome ours(String json) {
        try {
            return new Outcome(true, JsonObjects.parseValue("x", json));
        } catch (IllegalArgumentException e) {
            return new Outcome(false, null);
        }
    }
}
