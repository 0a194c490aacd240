package dev.mesh.core.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How mesh connects over SSH. Built once at start-up (from configuration and command-line flags)
 * and handed to {@link SshConnector}.
 *
 * @param connectTimeout       limit for TCP connect, key exchange and authentication together
 * @param knownHosts           the known_hosts file; unknown hosts are appended, changed keys refused
 * @param sshConfigFile        the OpenSSH client config to honour; empty = read none
 * @param identityFiles        private keys given explicitly (like {@code ssh -i}); tried first
 * @param useDefaultIdentities whether to also try {@code ~/.ssh/id_rsa}, {@code id_ecdsa}, {@code id_ed25519}
 * @param heartbeatInterval    keep-alive request interval; {@link Duration#ZERO} turns it off
 */
public record SshSettings(Duration connectTimeout, Path knownHosts, Optional<Path> sshConfigFile,
                          List<Path> identityFiles, boolean useDefaultIdentities, Duration heartbeatInterval) {

    /** OpenSSH's default connect timeout in mesh's former shell scripts (ConnectTimeout=10). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Often enough to keep NAT and firewall state alive during long installs. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

    public SshSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshConfigFile, "sshConfigFile");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeatInterval must not be negative, got " + heartbeatInterval);
        }
    }

    /** The user's own SSH setup: {@code ~/.ssh/known_hosts}, {@code ~/.ssh/config}, {@code ~/.ssh/id_*}. */
    public static SshSettings defaults() {
        Path sshDir = userSshDir();
        return new SshSettings(DEFAULT_CONNECT_TIMEOUT, sshDir.resolve("known_hosts"),
                Optional.of(sshDir.resolve("config")), List.of(), true, DEFAULT_HEARTBEAT);
    }

    /** {@code ~/.ssh} of the user running mesh. */
    public static Path userSshDir() {
        return Path.of(System.getProperty("user.home"), ".ssh");
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return new SshSettings(timeout, knownHosts, sshConfigFile, identityFiles, useDefaultIdentities, heartbeatInterval);
    }

    public SshSettings withKnownHosts(Path file) {
        return new SshSettings(connectTimeout, file, sshConfigFile, identityFiles, useDefaultIdentities, heartbeatInterval);
    }

    public SshSettings withSshConfigFile(Optional<Path> file) {
        return new SshSettings(connectTimeout, knownHosts, file, identityFiles, useDefaultIdentities, heartbeatInterval);
    }

    public SshSettings withIdentityFiles(List<Path> files) {
        return new SshSettings(connectTimeout, knownHosts, sshConfigFile, files, useDefaultIdentities, heartbeatInterval);
    }

    public SshSettings withDefaultIdentities(boolean use) {
        return new SshSettings(connectTimeout, knownHosts, sshConfigFile, identityFiles, use, heartbeatInterval);
    }

    public SshSettings withHeartbeatInterval(Duration interval) {
        return new SshSettings(connectTimeout, knownHosts, sshConfigFile, identityFiles, useDefaultIdentities, interval);
    }
}
