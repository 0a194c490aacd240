package dev.mesh.core.ssh.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lines split as OpenSSH's readconf.c (strdelim for the keyword, argv_split for the arguments). */
class ConfigLineTest {
    private static final Origin AT = new Origin(Path.of("/cfg"), 7);

    private static ConfigLine line(String text) {
        return ConfigLine.parse(text, AT).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HostName web.example|hostname|web.example",
        "  HostName=web.example|hostname|web.example",
        "HostName = web.example   |hostname|web.example",
        "HOSTNAME\tweb.example # a comment|hostname|web.example",
        "IdentityFile \"~/my keys/id\"|identityfile|~/my keys/id",
        "IdentityFile ~/my\\ keys/id|identityfile|~/my keys/id",
        "IdentityFile 'a\"b'|identityfile|a\"b",
    })
    void splitsLikeOpenSsh(String text, String keyword, String firstArg) {
        ConfigLine l = line(text);
        assertEquals(keyword, l.keyword());
        assertEquals(firstArg, l.first());
        assertEquals(AT, l.origin());
    }

    @Test
    void severalArgumentsAndCommentsEndingThem() {
        assertEquals(List.of("a", "b c", "d"), line("Host a \"b c\" d #e f").args());
        assertEquals(List.of("web#1"), line("Host web#1").args(), "# inside a word is no comment");
    }

    @Test
    void blankAndCommentLinesAreNothing() {
        assertEquals(Optional.empty(), ConfigLine.parse("   ", AT));
        assertEquals(Optional.empty(), ConfigLine.parse("  # Host x", AT));
    }

    @Test
    void errorsNameFileAndLine() {
        SshConfigException noArg = assertThrows(SshConfigException.class, () -> line("User"));
        assertEquals("ssh config /cfg line 7: no argument after keyword \"user\"", noArg.getMessage());
        SshConfigException quotes = assertThrows(SshConfigException.class, () -> line("User \"steve"));
        assertTrue(quotes.getMessage().endsWith("invalid quotes"), quotes.getMessage());
    }
}
