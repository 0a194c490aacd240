// Stands in for mesh-core's per-host ProvisioningContext: hands a step the scripted host, the detected OS, the key and settings.
package dev.mesh.os.linux;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.Secret;
import dev.mesh.core.testing.RecordingContext;

/** mesh-core's recording context over a scripted Linux host; its fields are mutable so a test changes only what it is about. */
final class TestContext extends RecordingContext {
    static final String KEY = "hskey-auth-Xq7SECRETSECRETSECRET";

    final ScriptedLinuxHost host;

    TestContext(ScriptedLinuxHost host) {
        super(host, new DetectedOs("linux", "debian", "12", "x86_64", "apt", false), "linux", "");
        this.host = host;
        this.authKey = Secret.of(KEY);
    }
}
