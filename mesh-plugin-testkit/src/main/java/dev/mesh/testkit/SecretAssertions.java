package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * Where a secret may and may not be, checked on what a {@link ScriptedHost} recorded. A secret
 * (pre-auth key, sudo password) never appears in a command line (the remote process list), a file
 * left on the host, an upload, or a message; it travels only on a command's standard input.
 */
public final class SecretAssertions {
    private SecretAssertions() {
    }

    /** {@code secret} is in no command line the host received. */
    public static void assertNeverInArgv(ScriptedHost host, Secret secret) {
        for (String command : host.commands()) {
            assertFalse(secret.isIn(command), "secret in a command line: " + command);
        }
    }

    /** {@code secret} is in no file written to the host and no file on it now. */
    public static void assertNeverInAFile(ScriptedHost host, Secret secret) {
        for (ScriptedHost.Upload upload : host.uploads()) {
            assertFalse(secret.isIn(new String(upload.content(), StandardCharsets.UTF_8)),
                    "secret uploaded to " + upload.path());
        }
        for (String path : host.filesUnder("/")) {
            try {
                assertFalse(secret.isIn(Files.readString(host.file(path), StandardCharsets.ISO_8859_1)),
                        "secret left in " + path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * {@code secret} reached the host only on standard input: at least one command got it there,
     * and it is in no command line, upload or file.
     */
    public static void assertOnlyOnStdin(ScriptedHost host, Secret secret) {
        assertTrue(host.calls().stream().anyMatch(c -> secret.isIn(c.input())),
                "no command got the secret on standard input: " + host.commands());
        assertNeverInArgv(host, secret);
        assertNeverInAFile(host, secret);
    }

    /** {@code secret} is in none of {@code messages} (progress lines, failure messages). */
    public static void assertNotIn(List<String> messages, Secret secret) {
        for (String message : messages) {
            assertFalse(secret.isIn(message), "secret in: " + message);
        }
    }
}
