package dev.mesh.os.linux;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Unguessable file names in the host's /tmp for files mesh uploads and removes again (install
 * packages, the prepare step's helper and sudo rules; never keys), so another local user cannot
 * predict and pre-create them.
 */
final class TempPath {
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempPath() {
    }

    /** {@code /tmp/<prefix><32 hex digits><suffix>}. */
    static String unique(String prefix, String suffix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "/tmp/" + prefix + HexFormat.of().formatHex(bytes) + suffix;
    }
}
