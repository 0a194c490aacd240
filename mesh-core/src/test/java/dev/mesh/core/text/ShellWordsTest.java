package dev.mesh.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Quoting;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** mesh.headscale.command split like sh splits words (issue 8 §6). */
class ShellWordsTest {

    @Test
    void containerPrefixesAndQuotedWords() {
        assertEquals(List.of("docker", "exec", "headscale", "headscale"), ShellWords.split("docker exec headscale headscale"));
        assertEquals(List.of("podman", "exec", "-i", "my headscale", "headscale"),
                ShellWords.split("  podman exec -i 'my headscale'\theadscale "));
        assertEquals(List.of("/opt/head scale/bin/headscale"), ShellWords.split("/opt/head\\ scale/bin/headscale"));
        assertEquals(List.of("a\"b", "c$d\\e", "it's"), ShellWords.split("\"a\\\"b\" 'c$d\\e' \"it's\""));
        assertEquals(List.of("ab"), ShellWords.split("a\\\nb"));
        assertEquals(List.of(""), ShellWords.split("''"));
        assertEquals(List.of(), ShellWords.split("   "));
    }

    @Test
    void whatNeedsAShellOrIsUnfinishedIsRefusedNamingIt() {
        assertTrue(ShellWords.split("x").size() == 1);
        assertEquals("';' at character 10 needs a shell, and this command is not run by one: quote it, or give the"
                + " words as a list", assertThrows(IllegalArgumentException.class,
                () -> ShellWords.split("headscale; rm -rf /")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("headscale $(id)"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("\"$HOME/headscale\""));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("a | b"));
        assertEquals("unterminated ' quote at character 8", assertThrows(IllegalArgumentException.class,
                () -> ShellWords.split("docker 'exec")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("docker \"exec"));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("docker\\"));
    }

    /** Words quoted for sh by mesh's own Quoting come back unchanged. */
    @Property(tries = 300)
    void quotedWordsRoundTrip(@ForAll("words") List<String> words) {
        String line = words.stream().map(Quoting::sh).collect(Collectors.joining(" "));
        assertEquals(words, ShellWords.split(line));
    }

    /** Any line gives words or the documented IllegalArgumentException, nothing else. */
    @Property(tries = 1000)
    void anyLineGivesWordsOrARefusal(@ForAll String line) {
        try {
            ShellWords.split(line).forEach(w -> assertTrue(w != null));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n', 'é').ofMaxLength(12)
                .list().ofMinSize(1).ofMaxSize(6);
    }
}
