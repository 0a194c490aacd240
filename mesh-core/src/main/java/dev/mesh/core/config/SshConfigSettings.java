package dev.mesh.core.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How mesh connects over SSH ({@code mesh.ssh}); paths have "~" expanded.
 *
 * Each ranks below the command line and the ssh config ({@link dev.mesh.core.ssh.HostResolver}).
 *
 * @param user           login user when neither HOST nor the ssh config names one; empty: the local user
 * @param port           port when neither the command line nor the ssh config gives one, 1..65535
 * @param identity       a private key tried after the ssh config's IdentityFile ({@code -i} overrides
 *                       this key and is tried first)
 * @param knownHosts     the known_hosts file unless the ssh config names one (new keys are appended,
 *                       changed keys refused)
 * @param configFile     the OpenSSH client config to honour; empty: none
 * @param connectTimeout connect + key exchange + login, unless the ssh config has ConnectTimeout
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
