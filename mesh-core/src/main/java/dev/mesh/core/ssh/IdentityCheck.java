package dev.mesh.core.ssh;

import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.ssh.auth.KeyFile;
import java.nio.file.Path;

/** The identity file the operator named ({@code -i}, {@code mesh.ssh.identity}) must be usable, checked at start. */
public final class IdentityCheck {
    private IdentityCheck() {
    }

    /**
     * @param source how it was given, for the message ("-i", "mesh.ssh.identity")
     * @throws InvalidInputException when the file is missing, not a readable private key, or open to
     *                               group or others (ssh would ignore it); exit 2, before any connection
     */
    public static void require(Path file, String source) {
        KeyFile key = KeyFile.inspect(file, source).orElseThrow(
                () -> new InvalidInputException("Identity file " + file + " (" + source + ") does not exist."));
        if (!key.usable()) {
            throw new InvalidInputException("Identity file " + file + " (" + source + ") cannot be used: "
                    + key.problem() + ".");
        }
    }
}
