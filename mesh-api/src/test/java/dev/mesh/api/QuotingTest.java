package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class QuotingTest {
    @Test
    void shQuotesEverythingIncludingSingleQuotes() {
        assertEquals("'plain'", Quoting.sh("plain"));
        assertEquals("'it'\\''s'", Quoting.sh("it's"));
        assertEquals("'$(rm -rf /); `x`'", Quoting.sh("$(rm -rf /); `x`"));
        assertEquals("''", Quoting.sh(""));
    }

    @Test
    void shArgumentQuotesOnlyWhatNeedsIt() {
        assertEquals("--login-server=https://hs.example.com:8443/x", Quoting.shArgument("--login-server=https://hs.example.com:8443/x"));
        assertEquals("'--hostname=a b'", Quoting.shArgument("--hostname=a b"));
        assertEquals("'x;reboot'", Quoting.shArgument("x;reboot"));
        assertEquals("'$(id)'", Quoting.shArgument("$(id)"));
        assertEquals("''", Quoting.shArgument(""));
    }

    @Test
    void powerShellLiteralDoublesSingleQuotes() {
        assertEquals("'C:\\Program Files\\x'", Quoting.powerShellLiteral("C:\\Program Files\\x"));
        assertEquals("'it''s $env:OS'", Quoting.powerShellLiteral("it's $env:OS"));
    }

    @Test
    void encodedPowerShellRoundTripsAsUtf16le() {
        String script = "Write-Output 'héllo \"world\"' | Out-File C:\\x.txt";
        String command = Quoting.powerShellEncoded(script);
        assertTrue(command.startsWith("powershell -NoProfile -NonInteractive -EncodedCommand "), command);
        String b64 = command.substring(command.lastIndexOf(' ') + 1);
        assertEquals(script, Quoting.decodePowerShell(b64));
        // The documented example: "dir" encodes to ZABpAHIA
        assertTrue(Quoting.powerShellEncoded("dir").endsWith(" ZABpAHIA"));
    }
}
