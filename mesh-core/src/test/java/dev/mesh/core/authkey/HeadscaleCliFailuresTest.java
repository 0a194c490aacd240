package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.exec.LocalResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Messages for sudo's own failures, which the CLI double (run without sudo) cannot produce. */
class HeadscaleCliFailuresTest {
    private static final Duration T = Duration.ofSeconds(30);

    private static AuthKeyException classify(String stderr, boolean sudo) {
        return HeadscaleCliFailures.of("headscale version", new LocalResult(1, "", stderr, false), sudo, T);
    }

    @Test
    void sudoWantingAPasswordPointsAtNopasswdOrTurningSudoOff() {
        AuthKeyException e = classify("sudo: a password is required\n", true);
        assertEquals(Kind.SUDO_PASSWORD_REQUIRED, e.kind());
        assertTrue(e.getMessage().contains("NOPASSWD"), e.getMessage());
        assertTrue(e.getMessage().contains("mesh.headscale.sudo = false"), e.getMessage());
        assertEquals(Kind.SUDO_PASSWORD_REQUIRED, classify("sudo: a terminal is required to read the password", true)
                .kind());
    }

    @Test
    void sudoNotFindingTheCliPointsAtAFullPath() {
        AuthKeyException e = classify("sudo: headscale: command not found\n", true);
        assertEquals(Kind.CLI_NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("secure_path") && e.getMessage().contains("mesh.headscale.command"),
                e.getMessage());
    }

    @Test
    void withoutSudoASudoLikeMessageIsJustAFailure() {
        assertEquals(Kind.CLI_FAILED, classify("sudo: a password is required", false).kind());
    }

    @Test
    void aNameWhereAnIdIsExpectedIsExplained() {
        AuthKeyException e = classify("{\"error\": \"strconv.ParseUint: parsing \\\"mesh\\\": invalid syntax\"}", false);
        assertEquals(Kind.CLI_FAILED, e.kind());
        assertTrue(e.getMessage().contains("numeric user id"), e.getMessage());
    }

    @Test
    void otherErrorsQuoteTheCliShortenedToOneLine() {
        AuthKeyException e = classify("Error: first\n  second\n", false);
        assertEquals("`headscale version` failed (exit 1): Error: first | second", e.getMessage());
        String longError = "x".repeat(1000);
        assertTrue(classify(longError, false).getMessage().length() < 500);
        assertEquals("`headscale version` failed (exit 1): no error message", classify("", false).getMessage());
    }

    @Test
    void aTimeoutNamesTheSetting() {
        AuthKeyException e = HeadscaleCliFailures.of("headscale version", new LocalResult(-1, "", "", true), true, T);
        assertEquals(Kind.TIMED_OUT, e.kind());
        assertTrue(e.getMessage().startsWith("`headscale version` did not finish within 30s"), e.getMessage());
    }
}
