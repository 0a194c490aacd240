package dev.mesh.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Control characters escaped, secrets scrubbed, lengths capped: issue 13 §3 and §5. */
class DisplayTextTest {

    /** The os-release values of issue 13 §3: OSC 52 (clipboard), cursor up, erase line, colours. */
    @Test
    void escapeSequencesFromAHostAreShownEscaped() {
        assertEquals("12\\x1b]52;c;ZWNobyBwd25lZAo=\\x07", DisplayText.of("12\u001b]52;c;ZWNobyBwd25lZAo=\u0007"));
        assertEquals("debian\\x1b[1A\\x1b[2K\\x1b[32mOK\\x1b[0m",
                DisplayText.of("debian\u001b[1A\u001b[2K\u001b[32mOK\u001b[0m"));
    }

    @Test
    void c1DelBidiAndCarriageReturnAreEscapedTabAndNewlineAndSymbolsKept() {
        assertEquals("a\\u009bb\\x7fc", DisplayText.of("a\u009bb\u007fc"));
        assertEquals("txt.\\u202egpj.exe", DisplayText.of("txt.\u202egpj.exe"));
        assertEquals("\\u2066x\\u2069 \\u200b", DisplayText.of("\u2066x\u2069 \u200b"));
        assertEquals("fake\\x0d✓ ok", DisplayText.of("fake\r✓ ok"));
        assertEquals("a\tb\nc ✓ ✗ ℹ ⚠ 日本 😀", DisplayText.of("a\tb\nc ✓ ✗ ℹ ⚠ 日本 😀"));
        assertEquals("x\\ud800y", DisplayText.of("x\ud800y"));
        assertEquals("tag\\U000e0041", DisplayText.of("tag\udb40\udc41"));
    }

    @Test
    void inlineEscapesLineBreaksToo() {
        assertEquals("a\\x0ab", DisplayText.inline("a\nb"));
    }

    @Test
    void longLinesManyLinesAndLongTextsAreCappedSayingWhatWasLeftOut() {
        String line = DisplayText.of("x".repeat(5000));
        assertEquals(DisplayText.MAX_LINE_CHARS, line.indexOf('…'));
        assertTrue(line.endsWith("… (4000 more characters)"), line);

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            many.append("line ").append(i).append('\n');
        }
        String shown = DisplayText.of(many.toString());
        assertTrue(shown.startsWith("line 0\nline 1\n"), shown);
        assertTrue(shown.contains("line 39\n… 950 more lines\nline 990\n"), shown);
        assertTrue(shown.endsWith("line 999\n"), shown);

        String total = DisplayText.of(("y".repeat(999) + "\n").repeat(49));
        assertTrue(total.length() < DisplayText.MAX_CHARS + 100, "capped: " + total.length());
        assertTrue(total.endsWith("more characters)"), total.substring(total.length() - 40));
    }

    @Test
    void liveSecretsAreScrubbedInEveryFormTheyMayTake() {
        Secret key = LiveSecrets.register(Secret.of("hskey-api-DisplayTextTest-0123456789"));
        Secret twoLines = LiveSecrets.register(Secret.of("hskey-SECRET-DTT\nsecond-line"));
        assertEquals("invalid header value: \"Bearer ****\"",
                DisplayText.of("invalid header value: \"Bearer " + key.reveal() + "\""));
        String shown = DisplayText.of("header: Bearer hskey-SECRET-DTT\\nsecond-line | " + twoLines.reveal());
        assertFalse(shown.contains("hskey-SECRET-DTT"), shown);
        assertFalse(shown.contains("second-line"), shown);
        assertTrue(LiveSecrets.anyIn(key.reveal()));
        assertEquals("ab", LiveSecrets.scrub(LiveSecrets.register(Secret.of("ab")).reveal()), "too short to scrub");
    }

    @Test
    void logLinesAreNeutralisedAndScrubbed() throws Exception {
        Secret key = LiveSecrets.register(Secret.of("hskey-auth-SafeLogStream-0123456789"));
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(new SafeLogStream(target), true, StandardCharsets.UTF_8)) {
            log.println("[sshd] banner: \u001b]0;pwned\u0007 key " + key.reveal());
            log.print("partial \u001b[2J");
            log.flush();
        }
        String written = target.toString(StandardCharsets.UTF_8);
        assertEquals("[sshd] banner: \\x1b]0;pwned\\x07 key ****\npartial \\x1b[2J", written);
    }
}
