// Stands in for mesh-core's PluginConfig: the plugin's subtree of this jar's reference.conf (plus test overrides), read with Typesafe Config.
package dev.mesh.os.linux;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** A {@link PluginConfig} over {@code mesh.plugins.linux}. */
final class TypesafePluginConfig implements PluginConfig {
    private final Config config;

    private TypesafePluginConfig(Config config) {
        this.config = config;
    }

    /** reference.conf, overridden by {@code hocon} (paths relative to mesh.plugins.linux). */
    static TypesafePluginConfig linux(String hocon) {
        Config reference = ConfigFactory.parseResources(TypesafePluginConfig.class.getClassLoader(), "reference.conf");
        Config user = ConfigFactory.parseString(hocon).atPath("mesh.plugins.linux");
        return new TypesafePluginConfig(user.withFallback(reference).resolve().getConfig("mesh.plugins.linux"));
    }

    static TypesafePluginConfig defaults() {
        return linux("");
    }

    @Override
    public boolean has(String path) {
        return config.hasPath(path);
    }

    @Override
    public String string(String path) {
        return get(() -> config.getString(path));
    }

    @Override
    public int integer(String path) {
        return get(() -> config.getInt(path));
    }

    @Override
    public boolean bool(String path) {
        return get(() -> config.getBoolean(path));
    }

    @Override
    public Duration duration(String path) {
        return get(() -> config.getDuration(path));
    }

    @Override
    public List<String> strings(String path) {
        return get(() -> config.getStringList(path));
    }

    private static <T> T get(Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            throw new PluginConfigException(e.getMessage());
        }
    }
}
