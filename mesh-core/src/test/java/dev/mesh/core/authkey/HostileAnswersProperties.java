package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.json.JsonObjects;
import dev.mesh.core.text.ControlChars;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Every parser of host or server output in mesh-core, fed arbitrary and hostile input: each gives a
 * value or its documented failure (IllegalArgumentException for JSON, AuthKeyException of kind
 * UNEXPECTED_OUTPUT for Headscale answers, empty for versions, timestamps and addresses), never
 * anything else (no StackOverflowError, no NumberFormatException, no DateTimeException).
 */
class HostileAnswersProperties {
    private static final Pattern GO_DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Property(tries = 2000)
    void jsonObjectsGiveAnObjectOrAnIllegalArgumentException(@ForAll("jsonish") String text) {
        try {
            Map<String, Object> value = JsonObjects.parse("answer", text);
            assertTrue(value != null);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("answer: "), e.getMessage());
        }
    }

    @Property(tries = 300)
    void nestingBeyondTheBoundIsRefusedAtAnyDepth(@ForAll("depths") int depth, @ForAll boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String text = open.repeat(depth) + "1" + close.repeat(depth);
        try {
            JsonObjects.parseValue("answer", text);
            assertTrue(depth <= JsonObjects.MAX_DEPTH, "depth " + depth + " accepted");
        } catch (IllegalArgumentException e) {
            assertTrue(depth > JsonObjects.MAX_DEPTH || arrays, depth + ": " + e.getMessage());
        }
    }

    @Property(tries = 1000)
    void headscaleAnswersGiveAValueOrUnexpectedOutput(@ForAll("jsonish") String text) {
        for (Answer parser : List.<Answer>of(t -> HeadscaleCliOutput.nodes("nodes list", t),
                t -> HeadscaleCliOutput.users("users list", t), t -> HeadscaleCliOutput.key("create", t))) {
            try {
                assertTrue(parser.read(text) != null);
            } catch (AuthKeyException e) {
                assertEquals(AuthKeyException.Kind.UNEXPECTED_OUTPUT, e.kind());
            }
        }
        assertTrue(HeadscaleCliOutput.error(text) != null);
    }

    /** A key comes out only when it looks like a key: never with control characters, blanks or quotes. */
    @Property(tries = 1000)
    void aKeyIsNeverHostileText(@ForAll("keyish") String value) throws AuthKeyException {
        Optional<HeadscaleCliOutput.CreatedKey> key = HeadscaleCliOutput.key("create",
                JsonObjects.write(Map.of("key", value, "id", 7)));
        key.ifPresent(k -> assertTrue(HeadscaleCliOutput.KEY.matcher(k.key()).matches()
                && ControlChars.isClean(k.key(), false), k.key()));
    }

    /** Nodes in either spelling, with fields of any JSON type: read, or skipped, never a failure. */
    @Property(tries = 500)
    void nodesOfEitherSpellingAndAnyFieldTypes(@ForAll("nodes") String json) throws AuthKeyException {
        List<HeadscaleNode> nodes = HeadscaleCliOutput.nodes("nodes list", json).orElseThrow();
        nodes.forEach(n -> assertTrue(n.id().matches("[0-9]{1,20}"), n.id()));
    }

    @Property(tries = 1000)
    void timestampsOfAnyShapeAreAnInstantOrNone(@ForAll("values") Object value) {
        assertTrue(HeadscaleCliOutput.timestamp(value) != null);
        assertTrue(HeadscaleCliOutput.id(value) != null);
    }

    @Property(tries = 1000)
    void versionsAreReadOrUnknown(@ForAll("versionish") String text) {
        Optional<HeadscaleVersion> v = HeadscaleVersion.parse(text);
        v.ifPresent(version -> assertTrue(version.major() >= 0 && version.minor() >= 0));
    }

    /** What mesh passes as --expiration is a Go duration (h, m, s) of the same length. */
    @Property(tries = 500)
    void goDurationsRoundTrip(@ForAll @LongRange(min = 1, max = 100L * 366 * 24 * 3600) long seconds) {
        String text = GoDuration.format(Duration.ofSeconds(seconds));
        Matcher m = GO_DURATION.matcher(text);
        assertTrue(m.matches() && !text.isEmpty(), text);
        long back = 0;
        for (int group = 1; group <= 3; group++) {
            back = back * 60 + (m.group(group) == null ? 0 : Long.parseLong(m.group(group)));
        }
        assertEquals(seconds, back, text);
    }

    @Property(tries = 1000)
    void addressesAreNormalisedOrRefusedNeverLookedUp(@ForAll("addressish") String text) {
        Optional<String> n = IpAddresses.normalise(text);
        n.ifPresent(canonical -> assertEquals(n, IpAddresses.normalise(canonical), "idempotent"));
    }

    /** An IPv6 address matches however its groups are written (leading zeros, case, ::, brackets). */
    @Property(tries = 500)
    void ipv6MatchesInEveryNotation(@ForAll("groups") List<Integer> groups, @ForAll boolean upper,
            @ForAll boolean brackets) {
        String full = String.join(":", groups.stream().map(g -> String.format("%04x", g)).toList());
        StringBuilder compact = new StringBuilder(String.join(":", groups.stream().map(Integer::toHexString).toList()));
        String shortest = java.util.regex.Pattern.compile("(^|:)0(:0)+(:|$)").matcher(compact).replaceFirst("::");
        String written = upper ? shortest.toUpperCase(java.util.Locale.ROOT) : shortest;
        written = brackets ? "[" + written + "]" : written;
        HeadscaleNode node = new HeadscaleNode("1", "n", "n", "u", List.of(full), true, Optional.empty());
        assertTrue(node.hasAddress(written), full + " vs " + written);
    }

    @FunctionalInterface
    private interface Answer {
        Object read(String text) throws AuthKeyException;
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> tokens = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\"a\"", "\"key\"", "\"id\"",
                "\"nodes\"", "\"users\"", "\"ip_addresses\"", "\"ipAddresses\"", "\"last_seen\"", "\"expiry\"",
                "\"seconds\"", "1", "-1", "1e999", "99999999999999999999999", "0.5", "true", "null", "\n", " ",
                "\\u0000", "\u001b[2J", "\u202e", "\"\\ud800\"", "{\"seconds\":1e30}");
        Arbitrary<String> structured = tokens.list().ofMaxSize(60).map(l -> String.join("", l));
        return Arbitraries.oneOf(structured, Arbitraries.strings().ofMaxLength(200),
                Arbitraries.integers().between(1, 2000).map(n -> "[".repeat(n)));
    }

    @Provide
    Arbitrary<Integer> depths() {
        return Arbitraries.integers().between(1, 3000);
    }

    @Provide
    Arbitrary<String> keyish() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withCharRange('0', 'z').withChars('\u001b', ' ', '"', '\n', '-')
                        .ofMinLength(10).ofMaxLength(80));
    }

    @Provide
    Arbitrary<String> nodes() {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.longs().between(0, Long.MAX_VALUE).map(String::valueOf),
                Arbitraries.longs().map(l -> "\"" + l + "\""), Arbitraries.of("1.5", "null", "{}", "\"x\"", "-3"));
        Arbitrary<String> any = Arbitraries.of("null", "1", "\"s\"", "[]", "{}", "true", "[1, \"a\"]",
                "{\"seconds\": 1767225600, \"nanos\": 5}", "{\"seconds\": \"x\"}", "{\"seconds\": 1e300}",
                "\"2026-01-01T00:00:00Z\"", "\"0001-01-01T00:00:00Z\"", "\"not a date\"", "[\"fd7a::1\", 3]");
        Arbitrary<String> node = Combinators.combine(id, any, any, any, any, Arbitraries.of(true, false))
                .as((i, a, b, c, d, snake) -> "{\"id\": " + i + ", \"" + (snake ? "ip_addresses" : "ipAddresses")
                        + "\": " + a + ", \"name\": " + b + ", \"" + (snake ? "last_seen" : "lastSeen") + "\": " + c
                        + ", \"expiry\": " + d + ", \"online\": " + b + ", \"user\": " + a + "}");
        return node.list().ofMaxSize(5).map(l -> "{\"nodes\": [" + String.join(", ", l) + "]}");
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.bigIntegers().map(b -> (Object) b),
                Combinators.combine(Arbitraries.oneOf(Arbitraries.longs().map(l -> (Object) l),
                                Arbitraries.strings().ofMaxLength(8).map(s -> (Object) s)),
                        Arbitraries.longs().map(l -> (Object) l))
                        .as((s, n) -> (Object) Map.of("seconds", s, "nanos", n)));
    }

    @Provide
    Arbitrary<String> versionish() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
                Arbitraries.strings().withCharRange('0', '9').withChars('.', 'v', ' ', '\n').ofMaxLength(60),
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(11).ofMaxLength(30).map(n -> "v" + n + ".1.2"));
    }

    @Provide
    Arbitrary<String> addressish() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50),
                Arbitraries.strings().withChars("0123456789abcdefABCDEF:.%[]").ofMaxLength(50));
    }

    @Provide
    Arbitrary<List<Integer>> groups() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 0xffff), Arbitraries.just(0))
                .list().ofSize(8);
    }
}
