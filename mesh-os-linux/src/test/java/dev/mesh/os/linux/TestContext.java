package dev.mesh.os.linux;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import dev.mesh.testkit.RecordingContext;
import dev.mesh.testkit.ScriptedHost;

/** The testkit's recording context for the Linux plugin on a Debian 12 host; fields mutable so a test changes only what it is about. */
final class TestContext extends RecordingContext {
    static final DetectedOs DEBIAN = DetectedOs.builder("linux").distribution("debian").version("12")
            .architecture("x86_64").packageManager("apt").build();

    final ScriptedHost host;

    TestContext(SimulatedDebianHost<ScriptedHost> debian) {
        this(debian.host, debian.connection());
    }

    /** On a host of a test's own, as {@code user}. */
    TestContext(ScriptedHost host, String user) {
        this(host, host.connection(new dev.mesh.api.TargetHost(user, "debian12.test", 22)));
    }

    private TestContext(ScriptedHost host, RemoteConnection connection) {
        super(connection, DEBIAN);
        this.host = host;
        settings("");
    }

    /** The plugin's settings: its reference.conf overridden by {@code hocon} (paths relative to mesh.plugins.linux). */
    TestContext settings(String hocon) {
        configure(new LinuxProvisioner(), "mesh.plugins.linux {\n" + hocon + "\n}");
        return this;
    }

    /** The settings as LinuxSettings reads them from {@code hocon}. */
    static LinuxSettings linuxSettings(String hocon) {
        return LinuxSettings.from(dev.mesh.testkit.HoconPluginConfig.of(TestContext.class.getClassLoader(), "linux",
                "mesh.plugins.linux {\n" + hocon + "\n}"));
    }
}
