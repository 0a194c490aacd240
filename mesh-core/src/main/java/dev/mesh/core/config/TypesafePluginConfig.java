package dev.mesh.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * An OS plugin's settings, {@code mesh.plugins.<id>}, backed by Typesafe Config. Errors name the
 * full key and where the value came from, e.g.
 * {@code mesh.conf: 7: mesh.plugins.linux.apt-timeout has type STRING rather than NUMBER}.
 */
public final class TypesafePluginConfig implements PluginConfig {
    private final String prefix;
    private final Config root;

    /**
     * @param pluginId the plugin's id
     * @param plugins  the {@code mesh.plugins} subtree
     */
    public TypesafePluginConfig(String pluginId, Config plugins) {
        this.prefix = ConfigUtil.joinPath("mesh", "plugins", pluginId) + ".";
        // re-rooted so Typesafe's own messages show the full path; origins are kept
        this.root = plugins.atPath("mesh.plugins");
    }

    @Override
    public boolean has(String path) {
        return get(path, () -> root.hasPath(prefix + path));
    }

    @Override
    public String string(String path) {
        return get(path, () -> root.getString(prefix + path));
    }

    @Override
    public int integer(String path) {
        return get(path, () -> root.getInt(prefix + path));
    }

    @Override
    public boolean bool(String path) {
        return get(path, () -> root.getBoolean(prefix + path));
    }

    @Override
    public Duration duration(String path) {
        return get(path, () -> root.getDuration(prefix + path));
    }

    @Override
    public List<String> strings(String path) {
        return get(path, () -> List.copyOf(root.getStringList(prefix + path)));
    }

    private <T> T get(String path, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            throw new PluginConfigException(prefix + path + " is not set (the plugin's reference.conf should "
                    + "define it; it can be set in " + MeshConfigLoader.defaultUserFile() + ")");
        } catch (ConfigException e) {
            throw new PluginConfigException(e.getMessage());
        }
    }
}
