package dev.mesh.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A plugin's configuration as mesh hands it over: the plugin jar's {@code reference.conf} under
 * {@code mesh.plugins.<id>}, with a test's HOCON laid over it, read with Typesafe Config as mesh does.
 * A missing or mistyped value is a {@link PluginConfigException} naming the full key.
 */
public final class HoconPluginConfig implements PluginConfig {
    private final Config subtree;
    private final String prefix;

    private HoconPluginConfig(Config subtree, String prefix) {
        this.subtree = subtree;
        this.prefix = prefix;
    }

    /**
     * @param loader    finds the plugin's {@code reference.conf} (the plugin class's loader)
     * @param pluginId  the plugin's id: its subtree is {@code mesh.plugins.<id>}
     * @param overrides HOCON with full paths, e.g. {@code mesh.plugins.windows.connect-attempts = 2}
     */
    public static HoconPluginConfig of(ClassLoader loader, String pluginId, String overrides) {
        String path = "mesh.plugins." + pluginId;
        Config all = ConfigFactory.parseString(overrides)
                .withFallback(ConfigFactory.parseResources(loader, "reference.conf")).resolve();
        return new HoconPluginConfig(all.hasPath(path) ? all.getConfig(path) : ConfigFactory.empty(), path + ".");
    }

    @Override
    public boolean has(String path) {
        return subtree.hasPath(path);
    }

    @Override
    public String string(String path) {
        return get(path, subtree::getString);
    }

    @Override
    public int integer(String path) {
        return get(path, subtree::getInt);
    }

    @Override
    public boolean bool(String path) {
        return get(path, subtree::getBoolean);
    }

    @Override
    public Duration duration(String path) {
        return get(path, subtree::getDuration);
    }

    @Override
    public List<String> strings(String path) {
        return get(path, p -> List.copyOf(subtree.getStringList(p)));
    }

    private <T> T get(String path, Function<String, T> getter) {
        try {
            return getter.apply(path);
        } catch (ConfigException e) {
            throw new PluginConfigException(prefix + path + ": " + e.getMessage());
        }
    }
}
