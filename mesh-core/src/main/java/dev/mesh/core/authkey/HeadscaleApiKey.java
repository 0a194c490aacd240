package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.text.LiveSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the REST API key: the environment variable {@value #VARIABLE} first, else the file named by
 * {@code mesh.headscale.api-key-file}. Never from a flag (it would show in the process list and the
 * shell history), never from a configuration value (it would show in configuration messages). A key
 * file that its group or others may read is refused, like ssh refuses such a private key. A key with
 * a blank or a control character inside (what {@code export KEY="$(cat file)"} gives on a file with a
 * second line) is refused without being echoed: it could not be sent as an HTTP header, and the JDK's
 * error would quote it. The key is registered with {@link LiveSecrets} before anything else, so no
 * message can carry it.
 */
public final class HeadscaleApiKey {
    /** The environment variable holding the API key. */
    public static final String VARIABLE = "MESH_HEADSCALE_API_KEY";

    private HeadscaleApiKey() {
    }

    /**
     * @throws MeshConfigException when there is no key, or the file is unreadable, empty or too open;
     *                             the message never holds the key
     */
    public static Secret read(Map<String, String> env, Optional<Path> file) {
        String fromEnv = env.get(VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(LiveSecrets.register(Secret.of(fromEnv.strip())), VARIABLE);
        }
        if (file.isEmpty()) {
            throw new MeshConfigException("mesh.headscale.source = rest needs an API key (headscale apikeys create):"
                    + " set " + VARIABLE + ", or put it in a file readable only by you and set"
                    + " mesh.headscale.api-key-file (MESH_HEADSCALE_API_KEY_FILE)");
        }
        Path path = file.get();
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
            if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new MeshConfigException(path + " (mesh.headscale.api-key-file) may be read by other users;"
                        + " run chmod 600 " + path);
            }
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs are the user's business
        } catch (IOException e) {
            throw new MeshConfigException(path + " (mesh.headscale.api-key-file): cannot read it: "
                    + e.getClass().getSimpleName());
        }
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new MeshConfigException(path + " (mesh.headscale.api-key-file) is empty");
            }
            return checked(LiveSecrets.register(Secret.of(text)), path + " (mesh.headscale.api-key-file)");
        } catch (IOException e) {
            throw new MeshConfigException(path + " (mesh.headscale.api-key-file): cannot read it: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Refuses a key with anything but printable ASCII (no blanks, no control characters) inside. */
    private static Secret checked(Secret key, String where) {
        String value = key.reveal();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                String what = c == '\n' || c == '\r' ? "a line break" : c == ' ' || c == '\t' ? "a blank"
                        : "a control or non-ASCII character";
                throw new MeshConfigException(where + ": the API key has " + what + " at character " + (i + 1)
                        + " of " + value.length() + "; an API key is one word of printable characters (is there a"
                        + " second line in the file it came from?)");
            }
        }
        return key;
    }
}
