package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionShortcutTest {
    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void printsExactlyWhatPicocliPrints(String flag) {
        StringWriter picocli = new StringWriter();
        int code = MeshCommandLine.create(Map.of(), new PrintWriter(picocli, true), new PrintWriter(new StringWriter(), true))
                .execute(flag);
        ByteArrayOutputStream shortcut = new ByteArrayOutputStream();

        assertTrue(VersionShortcut.printed(new String[] {flag}, new PrintStream(shortcut, true, StandardCharsets.UTF_8)));

        assertEquals(0, code);
        assertTrue(picocli.toString().startsWith("mesh "), picocli.toString());
        assertEquals(picocli.toString(), shortcut.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version extra", "remote --version", "--verbose --version", "--versions", ""})
    void leavesEveryOtherCommandLineToPicocli(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertFalse(VersionShortcut.printed(args, new PrintStream(out, true, StandardCharsets.UTF_8)));
        assertEquals(0, out.size());
    }
}
