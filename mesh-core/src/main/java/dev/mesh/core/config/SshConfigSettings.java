package dev.mesh.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How mesh connects over SSH ({@code mesh.ssh}); paths have "~" expanded.
 *
 * @param user           login user; empty: {@code ~/.ssh/config}'s User, else the local user
 * @param port           default port, 1..65535
 * @param identity       a private key tried before the default ones, if any
 * @param knownHosts     the known_hosts file (new keys are appended, changed keys refused)
 * @param configFile     the OpenSSH client config to honour; empty: none
 * @param connectTimeout connect + key exchange + login
 * @param heartbeat      keep-alive interval; {@link Duration#ZERO} disables it
 */
public record SshConfigSettings(Optional<String> user, int port, Optional<Path> identity, Path knownHosts,
        Optional<Path> configFile, Duration connectTimeout, Duration heartbeat) {
    public SshConfigSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(heartbeat, "heartbeat");
    }
}
