package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;

/** Masks the run's auth key in text that came from the host before it goes into a message. */
final class Redaction {
    private Redaction() {
    }

    static String output(CommandResult result, ProvisioningContext ctx) {
        String text = result.combinedOutput();
        Secret key;
        try {
            key = ctx.authKey();
        } catch (IllegalStateException notYetMinted) {
            return text;
        }
        return key.isIn(text) ? text.replace(key.reveal(), "****") : text;
    }
}
