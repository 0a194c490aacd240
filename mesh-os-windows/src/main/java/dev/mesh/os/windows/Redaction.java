package dev.mesh.os.windows;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;

/** Masks the run's auth key in text that came from the host before it goes into a message. */
final class Redaction {
    private Redaction() {
    }

    static String clean(String text, ProvisioningContext ctx) {
        Secret key;
        try {
            key = ctx.authKey();
        } catch (IllegalStateException notYetMinted) {
            return text;
        }
        return mask(text, key);
    }

    static String mask(String text, Secret secret) {
        return secret.isIn(text) ? text.replace(secret.reveal(), "****") : text;
    }
}
