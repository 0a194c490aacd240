package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {
    @Test
    void neverShowsItselfInStringsOrMessages() {
        Secret s = Secret.of("hskey-auth-abc123");
        assertEquals("****", s.toString());
        assertFalse(("key=" + s).contains("abc123"));
        assertFalse(new StepFailedException(FailureReason.AUTH_KEY_FAILED, "got " + s).getMessage().contains("abc123"));
    }

    @Test
    void revealsOnlyOnRequest() {
        Secret s = Secret.of("k1");
        assertEquals("k1", s.reveal());
        assertEquals("k1\n", new String(s.toInput(), StandardCharsets.UTF_8));
        assertTrue(s.isIn("xx k1 yy"));
        assertFalse(s.isIn("xx yy"));
    }

    @Test
    void refusesBlank() {
        assertThrows(IllegalArgumentException.class, () -> Secret.of("  "));
    }
}
