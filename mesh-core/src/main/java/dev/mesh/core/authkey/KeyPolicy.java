package dev.mesh.core.authkey;

import dev.mesh.core.config.HeadscaleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What kind of pre-auth key to create.
 *
 * @param user       the Headscale user name that will own the key
 * @param reusable   the key may join several machines
 * @param ephemeral  nodes joined with it are removed when they go offline
 * @param expiration how long it stays valid; at least one second
 * @param tags       ACL tags ({@code tag:NAME}) for the nodes, may be empty
 */
public record KeyPolicy(String user, boolean reusable, boolean ephemeral, Duration expiration, List<String> tags) {
    public KeyPolicy {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expiration, "expiration");
        if (user.isBlank()) {
            throw new IllegalArgumentException("user is blank");
        }
        if (expiration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("expiration must be at least 1s: " + expiration);
        }
        tags = List.copyOf(tags);
    }

    /** The configured policy ({@code mesh.headscale.user} and {@code mesh.headscale.key}). */
    public static KeyPolicy from(HeadscaleSettings settings) {
        return new KeyPolicy(settings.user(), settings.key().reusable(), settings.key().ephemeral(),
                settings.key().expiration(), settings.key().tags());
    }

    /** The same user and tags, but a key that joins one machine once and expires after {@code expiration}. */
    public KeyPolicy singleUse(Duration expiration) {
        return new KeyPolicy(user, false, ephemeral, expiration, tags);
    }
}
