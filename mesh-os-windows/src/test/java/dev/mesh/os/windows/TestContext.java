package dev.mesh.os.windows;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.testkit.RecordingContext;

/** The testkit's recording context for the Windows plugin on a Windows 11 host. */
final class TestContext extends RecordingContext {
    static final DetectedOs WINDOWS_11 = DetectedOs.builder("windows").distribution("windows-11-pro")
            .version("10.0.22631").architecture("AMD64").packageManager("winget").build();

    /** @param overrides HOCON with full paths laid over the plugin's reference.conf */
    TestContext(RemoteConnection connection, String overrides) {
        super(connection, WINDOWS_11);
        configure(new WindowsProvisioner(), overrides);
    }
}
