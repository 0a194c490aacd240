package dev.mesh.core.inventory;

import dev.mesh.api.TargetHost;
import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import java.util.Optional;

/**
 * Names where the SSH layer's port and user came from when neither a flag nor the inventory set them:
 * {@code mesh.ssh.port}/{@code mesh.ssh.user} (wherever those were set), the local user name, or
 * else the OpenSSH client config. The SSH layer decides the values; this only names their source.
 */
public final class LoginOrigins {
    private LoginOrigins() {
    }

    /** {@code host} with the final port and user of {@code target}. */
    public static ResolvedHost complete(ResolvedHost host, TargetHost target, MeshSettings settings) {
        Origin sshConfig = settings.ssh().configFile().map(f -> Origin.file(f.toString(), 0, "Host " + target.address()))
                .orElse(Origin.byDefault("ssh"));
        Sourced<Integer> port = host.port().value().isPresent() ? host.port()
                : Sourced.of(target.port(), settings.ssh().port() == target.port() ? settings.origin("mesh.ssh.port") : sshConfig);
        Sourced<String> user;
        if (host.user().value().isPresent()) {
            user = host.user();
        } else if (settings.ssh().user().equals(Optional.of(target.user()))) {
            user = Sourced.of(target.user(), settings.origin("mesh.ssh.user"));
        } else if (target.user().equals(System.getProperty("user.name"))) {
            user = Sourced.of(target.user(), Origin.byDefault("local user name"));
        } else {
            user = Sourced.of(target.user(), sshConfig);
        }
        return host.withLogin(port, user);
    }
}
