package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the Ansible INI reader: ranges, shell-like splitting, and a written inventory read back. */
class AnsibleIniPropertiesTest {

    @Property
    void aNumericRangeExpandsToEveryNumberPaddedToTheBeginsWidth(@ForAll @AlphaChars @StringLength(min = 1, max = 6) String head,
            @ForAll @IntRange(min = 0, max = 500) int begin, @ForAll @IntRange(min = 0, max = 60) int count,
            @ForAll @IntRange(min = 1, max = 7) int step, @ForAll @IntRange(min = 1, max = 4) int width) {
        int end = begin + count;
        int w = Math.max(width, String.valueOf(end).length());
        String b = String.format("%0" + w + "d", begin);
        String e = String.format("%0" + w + "d", end);
        boolean padded = b.startsWith("0") && b.length() > 1;
        String pattern = head + "[" + b + ":" + (padded ? e : String.valueOf(end)) + ":" + step + "].example.com";
        List<String> expected = IntStream.iterate(begin, i -> i <= end, i -> i + step)
                .mapToObj(i -> head + (padded ? String.format("%0" + w + "d", i) : String.valueOf(i)) + ".example.com")
                .toList();
        assertEquals(expected, AnsibleHostPattern.parse(pattern).names());
    }

    @Property
    void twoRangesExpandToTheirProductFirstRangeOutermost(@ForAll @IntRange(min = 1, max = 9) int n,
            @ForAll @IntRange(min = 0, max = 25) int letters) {
        char last = (char) ('a' + letters);
        List<String> names = AnsibleHostPattern.parse("r[1:" + n + "]-[a:" + last + "]").names();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            for (char c = 'a'; c <= last; c++) {
                expected.add("r" + i + "-" + c);
            }
        }
        assertEquals(expected, names);
    }

    /** Python's shlex.quote: single quotes, a quote inside as '"'"'. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }

    @Property
    void quotedWordsSplitBackToThemselves(@ForAll("words") List<String> words) {
        String line = words.stream().map(AnsibleIniPropertiesTest::quote).collect(Collectors.joining(" \t "));
        assertEquals(words, Shlex.split(line));
    }

    @Property
    void unquotedWordsSplitAtWhitespaceAndAHashEndsTheLine(@ForAll("plainWords") List<String> words,
            @ForAll("text") String comment) {
        assertEquals(words, Shlex.split(String.join("  ", words) + " #" + comment));
    }

    @Provide
    Arbitrary<List<String>> words() {
        return text().list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withChars(" \t'\"\\#=:[]abcxyz019-_.$;é").ofMaxLength(12);
    }

    @Provide
    Arbitrary<List<String>> plainWords() {
        return Arbitraries.strings().withChars("abcxyz019-_.=:/").ofMinLength(1).ofMaxLength(10).list().ofMaxSize(6);
    }

    /** A random inventory written as INI reads back with the same hosts, groups and variables. */
    @Property(tries = 200)
    void aWrittenInventoryReadsBack(@ForAll("inventories") Map<String, Map<String, Map<String, String>>> groups) {
        StringBuilder ini = new StringBuilder("# generated\n");
        groups.forEach((group, hosts) -> {
            ini.append("[").append(group).append("]\n");
            hosts.forEach((host, vars) -> {
                ini.append(host);
                vars.forEach((k, v) -> ini.append(' ').append(k).append('=').append(quote(v)));
                ini.append("  # a comment\n");
            });
            ini.append("; another comment\n\n");
        });
        AnsibleInventory inv = AnsibleIniParser.parse("gen.ini", ini.toString().lines().toList());
        Map<String, Map<String, String>> hostVars = new LinkedHashMap<>();
        groups.forEach((group, hosts) -> {
            assertEquals(List.copyOf(hosts.keySet()), inv.groups().get(group).hosts());
            hosts.forEach((host, vars) -> hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).putAll(vars));
        });
        hostVars.forEach((host, vars) -> assertEquals(vars, inv.hosts().get(host).vars().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value()))));
    }

    @Provide
    Arbitrary<Map<String, Map<String, Map<String, String>>>> inventories() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> value = Arbitraries.strings().withChars("abc xyz019#=-'\"\\").ofMaxLength(10)
                .filter(v -> !v.isBlank() && !v.strip().matches("[+-]?[0-9]+.*") && !v.strip().matches("(['\"]).*\\1.*"))
                .filter(v -> v.equals(v.strip()));
        Arbitrary<Map<String, String>> vars = Arbitraries.maps(name.map(n -> "v_" + n), value).ofMaxSize(3);
        Arbitrary<Map<String, Map<String, String>>> hosts = Arbitraries.maps(name.map(n -> "h" + n), vars)
                .ofMinSize(1).ofMaxSize(4);
        return Arbitraries.maps(name.map(n -> "g_" + n), hosts).ofMinSize(1).ofMaxSize(3);
    }

    @Property
    void literalKeepsTextAndUnquotesQuotedStrings(@ForAll @NumericChars @StringLength(min = 1, max = 5) String digits) {
        assertEquals(digits, AnsibleIniParser.literal(digits));
        assertEquals(digits, AnsibleIniParser.literal("'" + digits + "'"));
        assertEquals(digits + " x", AnsibleIniParser.literal("\"" + digits + " x\" # a comment"));
        assertEquals("x" + digits + " # not a literal", AnsibleIniParser.literal("x" + digits + " # not a literal"));
    }
}
