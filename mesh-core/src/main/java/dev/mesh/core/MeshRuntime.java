package dev.mesh.core;

import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfigException;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.HeadscaleApiKey;
import dev.mesh.core.authkey.HeadscaleCliKeySource;
import dev.mesh.core.authkey.HeadscaleClient;
import dev.mesh.core.authkey.HeadscaleRestClient;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.SshHeadscaleCommand;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.config.MeshConfigLoader;
import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.SshConfigSettings;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.plugin.PluginLoader;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.provision.NodeRegistry;
import dev.mesh.core.provision.ProvisioningSequence;
import dev.mesh.core.ssh.SshConnector;
import dev.mesh.core.ssh.SshInteraction;
import dev.mesh.core.ssh.SshSettings;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one mesh process needs, assembled once at start-up, in an order that checks all input
 * before any connection: plugins, then configuration (with the plugins' own defaults), then each
 * plugin's settings, then the one SSH client.
 */
public final class MeshRuntime implements AutoCloseable {
    /** Directories or jars with extra OS plugins, separated like a class path. */
    public static final String PLUGIN_PATH_VARIABLE = "MESH_PLUGIN_PATH";
    /** The configuration key {@code -i} overrides. */
    private static final String IDENTITY_KEY = "mesh.ssh.identity";

    private final MeshSettings settings;
    private final PluginRegistry plugins;
    private final SshConnector ssh;
    private final Map<String, String> env;
    private HeadscaleClient headscale;

    private MeshRuntime(MeshSettings settings, PluginRegistry plugins, SshConnector ssh, Map<String, String> env) {
        this.settings = settings;
        this.plugins = plugins;
        this.ssh = ssh;
        this.env = Map.copyOf(env);
    }

    /**
     * Finds the plugins on the class path, in {@code home/plugins} and in {@code MESH_PLUGIN_PATH}.
     *
     * @param home the distribution's directory, when running from one
     */
    public static PluginRegistry loadPlugins(Optional<Path> home, Map<String, String> env) {
        List<Path> paths = new ArrayList<>();
        home.ifPresent(h -> paths.add(h.resolve("plugins")));
        String extra = env.get(PLUGIN_PATH_VARIABLE);
        if (extra != null) {
            for (String entry : extra.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    paths.add(Path.of(entry.strip()));
                }
            }
        }
        return PluginLoader.load(MeshRuntime.class.getClassLoader(), paths);
    }

    /**
     * Reads and checks the configuration and starts the SSH client.
     *
     * @param configFile    {@code --config FILE}, if given
     * @param flagOverrides configuration paths set by command-line flags
     * @throws MeshConfigException when a value is wrong (before any connection)
     */
    public static MeshRuntime start(PluginRegistry plugins, Optional<Path> configFile, Map<String, String> env,
                                    Map<String, Object> flagOverrides) {
        return start(plugins, configFile, env, flagOverrides, SshInteraction.NONE);
    }

    /**
     * As {@link #start(PluginRegistry, Optional, Map, Map)}, with {@code ssh} telling the operator
     * about host keys and ignored ssh config directives, and asking for key passphrases.
     */
    public static MeshRuntime start(PluginRegistry plugins, Optional<Path> configFile, Map<String, String> env,
                                    Map<String, Object> flagOverrides, SshInteraction ssh) {
        MeshSettings settings = MeshConfigLoader.load(plugins.classLoader(), userConfigFile(env),
                configFile, env, flagOverrides);
        for (OsProvisioner p : plugins.provisioners()) {
            try {
                p.validate(settings.pluginConfig(p.id()));
            } catch (PluginConfigException e) {
                throw new MeshConfigException(e.getMessage());
            }
        }
        SshSettings sshSettings = sshSettings(settings.ssh(), flagOverrides.containsKey(IDENTITY_KEY), env);
        return new MeshRuntime(settings, plugins, new SshConnector(sshSettings, ssh), env);
    }

    /** {@code $XDG_CONFIG_HOME/mesh/mesh.conf} when that variable is set, else {@code ~/.config/mesh/mesh.conf}. */
    public static Path userConfigFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        return xdg == null || xdg.isBlank() ? MeshConfigLoader.defaultUserFile() : Path.of(xdg, "mesh", "mesh.conf");
    }

    /**
     * The SSH client's settings. {@code -i} (a flag override of {@code mesh.ssh.identity}) is a
     * command-line identity, tried before the ssh config's IdentityFile; {@code mesh.ssh.identity}
     * from configuration or environment is tried after it ({@link SshConnector} refuses either
     * when it is missing, unreadable or open to others, before any connection: exit 2).
     */
    private static SshSettings sshSettings(SshConfigSettings s, boolean identityFromFlag, Map<String, String> env) {
        boolean defaultConfig = s.configFile().map(f -> f.equals(SshSettings.userSshDir().resolve("config")))
                .orElse(false);
        return new SshSettings(s.connectTimeout(), s.knownHosts(), s.configFile(),
                identityFromFlag ? s.identity().map(List::of).orElse(List.of()) : List.of(), true, s.heartbeat())
                .withMeshDefaults(s.user(), s.port(), identityFromFlag ? Optional.empty() : s.identity())
                .withEnvironment(env)
                // ssh reads /etc/ssh/ssh_config only without -F; mesh only with the default user file
                .withSystemFiles(defaultConfig ? Optional.of(SshSettings.SYSTEM_CONFIG) : Optional.empty(),
                        SshSettings.SYSTEM_KNOWN_HOSTS);
    }

    public MeshSettings settings() {
        return settings;
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    /** Warnings from loading the configuration (unknown keys or variables). */
    public List<String> warnings() {
        return settings.warnings();
    }

    /**
     * The host to connect to, with one precedence for user, port and identity (OpenSSH's): the
     * command line ({@code USER@HOST}, {@code -p}, {@code -i}, {@code ssh://USER@HOST:PORT}; {@code -p}
     * wins over the URI's port, as in ssh), then the ssh config, then {@code mesh.ssh.*}, then
     * defaults (local user name, 22, {@code ~/.ssh/id_*}).
     *
     * @throws InvalidInputException when the ssh config cannot be used for it (exit 2)
     */
    public TargetHost resolve(HostSpec spec, Integer portFlag) {
        Integer port = portFlag != null ? Integer.valueOf(HostSpec.checkPort(portFlag)) : spec.port().orElse(null);
        return ssh.resolve(spec.user().orElse(null), spec.host(), port);
    }

    /** The Headscale URL; a missing one is a configuration error raised before connecting. */
    public URI loginServer() {
        return settings.requireServerUrl();
    }

    public KeyPolicy keyPolicy() {
        return KeyPolicy.from(settings.headscale());
    }

    /**
     * Headscale as {@code mesh.headscale.source} says: the local CLI, the REST API or the CLI on the
     * server over SSH. Built on first use, so commands that never ask Headscale need no API key.
     *
     * @throws MeshConfigException when the source's settings are missing or wrong (before any contact)
     */
    public synchronized HeadscaleClient headscale() {
        if (headscale == null) {
            HeadscaleSettings h = settings.headscale();
            headscale = switch (h.source()) {
                case CLI -> new HeadscaleCliKeySource(h, new LocalCommandRunner());
                case REST -> new HeadscaleRestClient(restUrl(h), HeadscaleApiKey.read(env, h.apiKeyFile()),
                        h.timeout());
                case SSH -> new HeadscaleCliKeySource(new SshHeadscaleCommand(h, headscaleServer(h), ssh::connect));
            };
        }
        return headscale;
    }

    private URI restUrl(HeadscaleSettings h) {
        return h.url().or(settings::serverUrl).orElseThrow(() -> new MeshConfigException(
                "mesh.headscale.source = rest needs the API's URL: set mesh.headscale.url (MESH_HEADSCALE_URL) or"
                        + " mesh.server-url (MESH_SERVER_URL, --server)"));
    }

    private TargetHost headscaleServer(HeadscaleSettings h) {
        String text = h.sshHost().orElseThrow(() -> new MeshConfigException("mesh.headscale.source = ssh needs the"
                + " Headscale server: set mesh.headscale.ssh-host (MESH_HEADSCALE_SSH_HOST) to [user@]host"));
        HostSpec spec;
        try {
            spec = HostSpec.parse(text);
        } catch (InvalidInputException e) {
            throw new MeshConfigException("mesh.headscale.ssh-host: " + e.getMessage());
        }
        // the setting names this one host, like a command line: its user and port rank above the ssh config
        return ssh.resolve(spec.user().orElse(null), spec.host(), h.sshPort().or(spec::port).orElse(null));
    }

    /**
     * The provisioning state machine, wired to this runtime's SSH client and Headscale. Headscale's
     * client is built when the sequence first needs it (detection never does); call
     * {@link #headscale()} first to have its settings checked before any connection.
     */
    public ProvisioningSequence sequence() {
        HeadscaleClient hs = new HeadscaleClient() {
            @Override
            public dev.mesh.api.Secret create(KeyPolicy policy) throws dev.mesh.core.authkey.AuthKeyException {
                return headscale().create(policy);
            }

            @Override
            public List<dev.mesh.core.authkey.HeadscaleNode> list() throws dev.mesh.core.authkey.AuthKeyException {
                return headscale().list();
            }
        };
        return new ProvisioningSequence(ssh::connect, plugins, hs,
                settings::pluginConfig, settings.timeouts().toStepTimeouts(),
                settings.ssh().connectTimeout(), settings.timeouts().detect(),
                new NodeRegistry(hs, settings.headscale().confirmTimeout(), settings.headscale().confirmInterval()));
    }

    @Override
    public void close() {
        ssh.close();
    }
}
