package org.example.mesh.freebsd;

import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.util.List;

/**
 * The plugin's settings ({@code mesh.plugins.freebsd}, defaults in this jar's reference.conf), read
 * once at start by {@link FreeBsdProvisioner#validate} so a bad value fails before any connection.
 *
 * @param root the tools that may take a login that is not root to root, in the order tried:
 *             {@code sudo} (security/sudo) and {@code doas} (security/doas), each without a password ({@code -n})
 */
record FreeBsdSettings(List<String> root) {
    private static final List<String> TOOLS = List.of("sudo", "doas");

    static FreeBsdSettings from(PluginConfig config) {
        List<String> root = config.strings("root");
        if (!TOOLS.containsAll(root)) {
            throw new PluginConfigException("mesh.plugins.freebsd.root may list only sudo and doas, got " + root);
        }
        return new FreeBsdSettings(List.copyOf(root));
    }
}
