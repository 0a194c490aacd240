package dev.mesh.core.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How mesh connects over SSH. Built once at start-up (from configuration, environment and
 * command-line flags) and handed to {@link SshConnector}. Per host, the ssh config ranks between
 * the command line and these defaults; see {@link HostResolver} for the one precedence.
 *
 * @param connectTimeout       limit for TCP connect, key exchange and authentication together
 *                             (ssh config ConnectTimeout wins)
 * @param knownHosts           the known_hosts file; unknown hosts are appended, changed keys refused
 *                             (ssh config UserKnownHostsFile wins)
 * @param sshConfigFile        the user's OpenSSH client config; empty = read none
 * @param identityFiles        private keys given on the command line ({@code -i}); tried before the
 *                             ssh config's IdentityFile
 * @param useDefaultIdentities whether {@code ~/.ssh/id_rsa}, {@code id_ecdsa}, {@code id_ed25519}
 *                             are tried when no identity file is given at all (as ssh does)
 * @param heartbeatInterval    keep-alive request interval; {@link Duration#ZERO} turns it off
 * @param meshIdentity         {@code mesh.ssh.identity}: tried after the ssh config's IdentityFile
 * @param defaultUser          {@code mesh.ssh.user}: when neither command line nor ssh config names one
 * @param defaultPort          {@code mesh.ssh.port}: when neither command line nor ssh config gives one
 * @param systemConfigFile     read after {@code sshConfigFile} ({@code /etc/ssh/ssh_config} when the
 *                             user's file is the default one, as ssh without {@code -F}); empty = none
 * @param globalKnownHosts     read-only known_hosts files (ssh config GlobalKnownHostsFile wins)
 * @param environment          the environment: {@code SSH_AUTH_SOCK}, {@code ${VAR}} in the ssh config
 */
public record SshSettings(Duration connectTimeout, Path knownHosts, Optional<Path> sshConfigFile,
                          List<Path> identityFiles, boolean useDefaultIdentities, Duration heartbeatInterval,
                          Optional<Path> meshIdentity, Optional<String> defaultUser, int defaultPort,
                          Optional<Path> systemConfigFile, List<Path> globalKnownHosts,
                          Map<String, String> environment) {

    /** OpenSSH's default connect timeout in mesh's former shell scripts (ConnectTimeout=10). */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Often enough to keep NAT and firewall state alive during long installs. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);
    /** ssh's system-wide client config. */
    public static final Path SYSTEM_CONFIG = Path.of("/etc/ssh/ssh_config");
    /** ssh's default GlobalKnownHostsFile. */
    public static final List<Path> SYSTEM_KNOWN_HOSTS =
            List.of(Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2"));

    public SshSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(sshConfigFile, "sshConfigFile");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(meshIdentity, "meshIdentity");
        Objects.requireNonNull(defaultUser, "defaultUser");
        Objects.requireNonNull(systemConfigFile, "systemConfigFile");
        globalKnownHosts = List.copyOf(globalKnownHosts);
        environment = Map.copyOf(environment);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeatInterval must not be negative, got " + heartbeatInterval);
        }
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("defaultPort must be between 1 and 65535, got " + defaultPort);
        }
    }

    /**
     * Only what tests and embedders usually set: no mesh-level user or identity, port 22, no
     * system-wide config or known_hosts, an empty environment (so no ssh-agent).
     */
    public SshSettings(Duration connectTimeout, Path knownHosts, Optional<Path> sshConfigFile,
                       List<Path> identityFiles, boolean useDefaultIdentities, Duration heartbeatInterval) {
        this(connectTimeout, knownHosts, sshConfigFile, identityFiles, useDefaultIdentities, heartbeatInterval,
                Optional.empty(), Optional.empty(), 22, Optional.empty(), List.of(), Map.of());
    }

    /** The user's own SSH setup, as {@code ssh} without options would use it. */
    public static SshSettings defaults() {
        Path sshDir = userSshDir();
        return new SshSettings(DEFAULT_CONNECT_TIMEOUT, sshDir.resolve("known_hosts"),
                Optional.of(sshDir.resolve("config")), List.of(), true, DEFAULT_HEARTBEAT, Optional.empty(),
                Optional.empty(), 22, Optional.of(SYSTEM_CONFIG), SYSTEM_KNOWN_HOSTS, System.getenv());
    }

    /** {@code ~/.ssh} of the user running mesh. */
    public static Path userSshDir() {
        return Path.of(System.getProperty("user.home"), ".ssh");
    }

    public SshSettings withConnectTimeout(Duration timeout) {
        return edit(b -> b.connectTimeout = timeout);
    }

    public SshSettings withKnownHosts(Path file) {
        return edit(b -> b.knownHosts = file);
    }

    public SshSettings withSshConfigFile(Optional<Path> file) {
        return edit(b -> b.sshConfigFile = file);
    }

    public SshSettings withIdentityFiles(List<Path> files) {
        return edit(b -> b.identityFiles = files);
    }

    public SshSettings withDefaultIdentities(boolean use) {
        return edit(b -> b.useDefaultIdentities = use);
    }

    public SshSettings withHeartbeatInterval(Duration interval) {
        return edit(b -> b.heartbeatInterval = interval);
    }

    /** With mesh-level defaults: {@code mesh.ssh.user}, {@code mesh.ssh.port}, {@code mesh.ssh.identity}. */
    public SshSettings withMeshDefaults(Optional<String> user, int port, Optional<Path> identity) {
        return edit(b -> {
            b.defaultUser = user;
            b.defaultPort = port;
            b.meshIdentity = identity;
        });
    }

    /** With the environment ssh-agent and {@code ${VAR}} expansion read. */
    public SshSettings withEnvironment(Map<String, String> env) {
        return edit(b -> b.environment = env);
    }

    /** With the system-wide files: {@code /etc/ssh/ssh_config} (or none) and GlobalKnownHostsFile. */
    public SshSettings withSystemFiles(Optional<Path> config, List<Path> globalKnownHostsFiles) {
        return edit(b -> {
            b.systemConfigFile = config;
            b.globalKnownHosts = globalKnownHostsFiles;
        });
    }

    private SshSettings edit(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new SshSettings(b.connectTimeout, b.knownHosts, b.sshConfigFile, b.identityFiles,
                b.useDefaultIdentities, b.heartbeatInterval, b.meshIdentity, b.defaultUser, b.defaultPort,
                b.systemConfigFile, b.globalKnownHosts, b.environment);
    }

    /** A mutable copy, for the with-methods. */
    private static final class Copy {
        Duration connectTimeout;
        Path knownHosts;
        Optional<Path> sshConfigFile;
        List<Path> identityFiles;
        boolean useDefaultIdentities;
        Duration heartbeatInterval;
        Optional<Path> meshIdentity;
        Optional<String> defaultUser;
        int defaultPort;
        Optional<Path> systemConfigFile;
        List<Path> globalKnownHosts;
        Map<String, String> environment;

        Copy(SshSettings s) {
            connectTimeout = s.connectTimeout;
            knownHosts = s.knownHosts;
            sshConfigFile = s.sshConfigFile;
            identityFiles = s.identityFiles;
            useDefaultIdentities = s.useDefaultIdentities;
            heartbeatInterval = s.heartbeatInterval;
            meshIdentity = s.meshIdentity;
            defaultUser = s.defaultUser;
            defaultPort = s.defaultPort;
            systemConfigFile = s.systemConfigFile;
            globalKnownHosts = s.globalKnownHosts;
            environment = s.environment;
        }
    }
}
