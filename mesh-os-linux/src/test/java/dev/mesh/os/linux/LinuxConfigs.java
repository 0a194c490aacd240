package dev.mesh.os.linux;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.mesh.api.PluginConfig;
import dev.mesh.core.config.TypesafePluginConfig;

/** The Linux plugin's configuration as mesh-core hands it over: its reference.conf plus test overrides. */
final class LinuxConfigs {
    private LinuxConfigs() {
    }

    /** reference.conf, overridden by {@code hocon} (paths relative to mesh.plugins.linux). */
    static PluginConfig linux(String hocon) {
        Config reference = ConfigFactory.parseResources(LinuxConfigs.class.getClassLoader(), "reference.conf");
        Config user = ConfigFactory.parseString(hocon).atPath("mesh.plugins.linux");
        return new TypesafePluginConfig("linux", user.withFallback(reference).resolve().getConfig("mesh.plugins"));
    }

    static PluginConfig defaults() {
        return linux("");
    }
}
