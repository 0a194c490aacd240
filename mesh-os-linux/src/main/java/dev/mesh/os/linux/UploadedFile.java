package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TransportException;

/**
 * A file mesh uploads (an install package, prepare's helper and sudo rules; never a key): registered
 * with the run before it is written ({@link ProvisioningContext#registerCleanup}), so mesh removes it
 * when the state ends however it ends (Ctrl-C included), and removed by the step itself as soon as it
 * is used. The step's own removal never throws: a failed {@code rm} becomes a warning naming the path,
 * so the operator can delete it by hand; when the connection refuses (mesh is stopping) or is gone,
 * the run's cleanup, or nothing, can do more.
 */
final class UploadedFile {
    private UploadedFile() {
    }

    /** Registers {@code path} with the run before it is uploaded. */
    static void register(ProvisioningContext ctx, String path, String what) {
        ctx.registerCleanup("the " + what + " " + path, removeCommand(path));
    }

    static void remove(LinuxShell shell, String path, String what, ProvisioningContext ctx) {
        String problem;
        try {
            CommandResult rm = shell.run(removeCommand(path));
            if (rm.succeeded()) {
                return;
            }
            problem = rm.combinedOutput();
        } catch (TransportException e) {
            return; // registered: the run removes it when it can
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage());
        }
        ctx.listener().warn("Could not delete the " + what + " " + path + " on the host (" + problem
                + "); delete it by hand");
    }

    private static String removeCommand(String path) {
        return "rm -f " + LinuxShell.q(path);
    }
}
