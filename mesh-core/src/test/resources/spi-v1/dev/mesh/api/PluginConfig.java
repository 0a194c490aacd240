package dev.mesh.api;

import java.time.Duration;
import java.util.List;

/**
 * A plugin's own configuration subtree, {@code mesh.plugins.<id>} in HOCON. Defaults belong in the
 * plugin jar's {@code reference.conf}; users override them in {@code mesh.conf}. Every getter throws
 * {@link PluginConfigException} naming the key and the file and line it came from when the value is
 * missing or has the wrong type.
 */
public interface PluginConfig {

    /** Whether {@code path} is set (relative to the plugin's subtree). */
    boolean has(String path);

    String string(String path);

    int integer(String path);

    boolean bool(String path);

    /** A HOCON duration such as {@code 30s} or {@code 2m}. */
    Duration duration(String path);

    List<String> strings(String path);
}
