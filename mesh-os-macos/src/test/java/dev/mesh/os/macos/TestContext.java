package dev.mesh.os.macos;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.testkit.RecordingContext;

/** The testkit's recording context for the macOS plugin on a Mac with Homebrew. */
final class TestContext extends RecordingContext {
    static final DetectedOs MAC = DetectedOs.builder("macos").distribution("macos").version("14.5").architecture("arm64")
            .packageManager("brew").build();

    TestContext(RemoteConnection connection) {
        super(connection, MAC);
        configure(new MacProvisioner(), "");
    }
}
