package dev.mesh.core.config;

import java.time.Duration;
import java.util.List;

/**
 * The pre-auth keys mesh asks Headscale for ({@code mesh.headscale.key}).
 *
 * @param reusable   one key may join several machines
 * @param ephemeral  nodes are removed when they go offline
 * @param expiration how long the key stays valid (positive, whole seconds)
 * @param tags       ACL tags for the joined nodes, may be empty
 */
public record KeySettings(boolean reusable, boolean ephemeral, Duration expiration, List<String> tags) {
    public KeySettings {
        tags = List.copyOf(tags);
    }
}
