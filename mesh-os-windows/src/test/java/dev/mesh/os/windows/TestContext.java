package dev.mesh.os.windows;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.core.testing.RecordingContext;

/** mesh-core's recording test context, for a windows host. */
final class TestContext extends RecordingContext {
    TestContext(RemoteConnection connection, String pluginId, String overrides) {
        super(connection, new DetectedOs("windows", "windows-11-pro", "10.0.22631", "AMD64", "winget", false), pluginId, overrides);
    }
}
