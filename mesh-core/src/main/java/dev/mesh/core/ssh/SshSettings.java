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
 * @param mesh                 mesh's own per-host defaults ({@code mesh.ssh.*}), below the ssh config
 * @param system               the system-wide files ssh reads too
 * @param environment          the environment: {@code SSH_AUTH_SOCK}, {@code ${VAR}} in the ssh config
 */
public record SshSettings(Duration connectTimeout, Path knownHosts, Optional<Path> sshConfigFile,
                          List<Path> identityFiles, boolean useDefaultIdentities, Duration heartbeatInterval,
                          MeshDefaults mesh, SystemFiles system, Map<String, String> environment) {

    /**
     * @param user     {@code mesh.ssh.user}: when neither command line nor ssh config names one
     * @param port     {@code mesh.ssh.port}: when neither command line nor ssh config gives one
     * @param identity {@code mesh.ssh.identity}: tried after the ssh config's IdentityFile
     */
    public record MeshDefaults(Optional<String> user, int port, Optional<Path> identity) {
        /** No user or identity, port 22. */
        public static final MeshDefaults NONE = new MeshDefaults(Optional.empty(), 22, Optional.empty());

        public MeshDefaults {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(identity, "identity");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
            }
        }
    }

    /**
     * @param config     read after {@code sshConfigFile} ({@code /etc/ssh/ssh_config} when the user's file
     *                   is the default one, as ssh without {@code -F}); empty = none
     * @param knownHosts read-only known_hosts files (ssh config GlobalKnownHostsFile wins)
     */
    public record SystemFiles(Optional<Path> config, List<Path> knownHosts) {
        /** Neither: what tests use. */
        public static final SystemFiles NONE = new SystemFiles(Optional.empty(), List.of());

        public SystemFiles {
            Objects.requireNonNull(config, "config");
            knownHosts = List.copyOf(knownHosts);
        }
    }

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
        Objects.requireNonNull(mesh, "mesh");
        Objects.requireNonNull(system, "system");
        environment = Map.copyOf(environment);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, got " + connectTimeout);
        }
        if (heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("heartbeatInterval must not be negative, got " + heartbeatInterval);
        }
    }

    /**
     * Only what tests and embedders usually set: no mesh-level user or identity, port 22, no
     * system-wide config or known_hosts, an empty environment (so no ssh-agent).
     */
    public SshSettings(Duration connectTimeout, Path knownHosts, Optional<Path> sshConfigFile,
                       List<Path> identityFiles, boolean useDefaultIdentities, Duration heartbeatInterval) {
        this(connectTimeout, knownHosts, sshConfigFile, identityFiles, useDefaultIdentities, heartbeatInterval,
                MeshDefaults.NONE, SystemFiles.NONE, Map.of());
    }

    /** The user's own SSH setup, as {@code ssh} without options would use it. */
    public static SshSettings defaults() {
        Path sshDir = userSshDir();
        return new SshSettings(DEFAULT_CONNECT_TIMEOUT, sshDir.resolve("known_hosts"),
                Optional.of(sshDir.resolve("config")), List.of(), true, DEFAULT_HEARTBEAT, MeshDefaults.NONE,
                new SystemFiles(Optional.of(SYSTEM_CONFIG), SYSTEM_KNOWN_HOSTS), System.getenv());
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
        return edit(b -> b.mesh = new MeshDefaults(user, port, identity));
    }

    /** With the environment ssh-agent and {@code ${VAR}} expansion read. */
    public SshSettings withEnvironment(Map<String, String> env) {
        return edit(b -> b.environment = env);
    }

    /** With the system-wide files: {@code /etc/ssh/ssh_config} (or none) and GlobalKnownHostsFile. */
    public SshSettings withSystemFiles(Optional<Path> config, List<Path> globalKnownHostsFiles) {
        return edit(b -> b.system = new SystemFiles(config, globalKnownHostsFiles));
    }

    private SshSettings edit(java.util.function.Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return new SshSettings(b.connectTimeout, b.knownHosts, b.sshConfigFile, b.identityFiles,
                b.useDefaultIdentities, b.heartbeatInterval, b.mesh, b.system, b.environment);
    }

    /** A mutable copy, for the with-methods. */
    private static final class Copy {
        Duration connectTimeout;
        Path knownHosts;
        Optional<Path> sshConfigFile;
        List<Path> identityFiles;
        boolean useDefaultIdentities;
        Duration heartbeatInterval;
        MeshDefaults mesh;
        SystemFiles system;
        Map<String, String> environment;

        Copy(SshSettings s) {
            connectTimeout = s.connectTimeout;
            knownHosts = s.knownHosts;
            sshConfigFile = s.sshConfigFile;
            identityFiles = s.identityFiles;
            useDefaultIdentities = s.useDefaultIdentities;
            heartbeatInterval = s.heartbeatInterval;
            mesh = s.mesh;
            system = s.system;
            environment = s.environment;
        }
    }
}
