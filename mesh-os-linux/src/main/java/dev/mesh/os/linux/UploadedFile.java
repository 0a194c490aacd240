package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;

/**
 * Removes a file mesh uploaded (an install package, prepare's helper and sudo rules; never a key).
 * Called from {@code finally} blocks, so it never throws: a failed removal becomes a warning naming
 * the path, so the operator can delete it by hand, and the step's own outcome (or exception) stays
 * the one reported.
 */
final class UploadedFile {
    private UploadedFile() {
    }

    static void remove(LinuxShell shell, String path, String what, ProvisioningContext ctx) {
        String problem;
        try {
            CommandResult rm = shell.run("rm -f " + LinuxShell.q(path));
            if (rm.succeeded()) {
                return;
            }
            problem = rm.combinedOutput();
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage());
        }
        ctx.listener().warn("Could not delete the " + what + " " + path + " on the host (" + problem
                + "); delete it by hand");
    }
}
