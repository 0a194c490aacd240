package org.example.mesh.freebsd;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.testkit.RecordingContext;

/** The testkit's recording context for this plugin, with its real reference.conf read through its validate. */
final class TestContext extends RecordingContext {
    static final DetectedOs FREEBSD = DetectedOs.builder("freebsd").distribution("freebsd").version("14.1-RELEASE-p5")
            .architecture("amd64").packageManager("pkg").build();

    TestContext(RemoteConnection connection) {
        super(connection, FREEBSD);
        configure(new FreeBsdProvisioner(), "");
    }
}
