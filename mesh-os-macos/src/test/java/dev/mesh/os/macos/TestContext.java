package dev.mesh.os.macos;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.core.testing.RecordingContext;

/** mesh-core's recording test context, for a macos host. */
final class TestContext extends RecordingContext {
    TestContext(RemoteConnection connection, String pluginId, String overrides) {
        super(connection, new DetectedOs("macos", "macos", "14.5", "arm64", "brew", false), pluginId, overrides);
    }
}
