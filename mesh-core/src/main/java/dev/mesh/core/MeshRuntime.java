package dev.mesh.core;

import dev.mesh.api.PluginConfigException;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.HeadscaleApiKey;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import dev.mesh.core.authkey.MintedKey;
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
import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.inventory.HostFlags;
import dev.mesh.core.inventory.HostLookup;
import dev.mesh.core.inventory.LoginOrigins;
import dev.mesh.core.inventory.ResolvedHost;
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
    private final Map<String, Object> pluginSettings;
    private final SshConnector ssh;
    private final Map<String, String> env;
    private final HostLookup hosts;
    private HeadscaleClient headscale;

    private MeshRuntime(MeshSettings settings, PluginRegistry plugins, Map<String, Object> pluginSettings,
                        SshSettings sshSettings, SshInteraction interaction,
                        Map<String, String> env) {
        this.settings = settings;
        this.plugins = plugins;
        this.pluginSettings = pluginSettings;
        this.ssh = new SshConnector(sshSettings, interaction);
        this.env = Map.copyOf(env);
        this.hosts = new HostLookup(settings, env, Path.of(System.getProperty("user.home")));
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
        Map<String, Object> pluginSettings;
        try {
            pluginSettings = plugins.validate(settings::pluginConfig);
        } catch (PluginConfigException e) {
            throw new MeshConfigException(e.getMessage());
        }
        SshSettings sshSettings = sshSettings(settings.ssh(), flagOverrides.containsKey(IDENTITY_KEY), env);
        return new MeshRuntime(settings, plugins, pluginSettings, sshSettings, ssh, env);
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
     * The host to connect to. HOST may name an inventory host: its address, and its port, user and
     * identity as explicit values under the command line's ({@link HostLookup}). Otherwise one
     * precedence for user, port and identity (OpenSSH's): the command line ({@code USER@HOST},
     * {@code -p}, {@code -i}, {@code ssh://USER@HOST:PORT}; {@code -p} wins over the URI's port, as in
     * ssh), then the ssh config, then {@code mesh.ssh.*}, then defaults.
     *
     * @throws dev.mesh.core.config.MeshConfigException when the inventory cannot be read or is wrong
     */
    public TargetHost resolve(HostSpec spec, Integer portFlag) {
        Integer port = portFlag == null ? null : HostSpec.checkPort(portFlag);
        Optional<ResolvedHost> entry = hosts.find(spec, new HostFlags(Optional.empty(), Optional.ofNullable(port), false));
        return entry.map(this::login)
                .orElseGet(() -> ssh.resolve(spec.user().orElse(null), spec.host(),
                        port != null ? port : spec.port().orElse(null)));
    }

    /**
     * An inventory host (from {@link HostLookup#select} or {@link HostLookup#find}) as the SSH layer
     * reaches it: its address, port and user as command-line values, its own {@code identity} tried
     * after {@code -i} on its connection only.
     *
     * @throws InvalidInputException when its identity file is missing, unreadable or open to others
     */
    public TargetHost login(ResolvedHost host) {
        // an identity that is mesh.ssh.identity anyway keeps that setting's place in the order
        List<Path> identities = host.identity().value().filter(id -> !Optional.of(id).equals(settings.ssh().identity()))
                .map(List::of).orElse(List.of());
        return ssh.resolve(host.user().value().orElse(null), host.address().value().orElseThrow(),
                host.port().value().orElse(null), identities);
    }

    /** Who hears about every remote command and upload ({@code mesh -v}). */
    public void observeCommands(dev.mesh.core.ssh.CommandObserver observer) {
        ssh.observe(observer);
    }

    /** The inventory and HOST lookups in it. */
    public HostLookup hosts() {
        return hosts;
    }

    /** {@code host} with the SSH port and user filled in as {@link #resolve} would (for {@code mesh host show}). */
    public ResolvedHost withLogin(ResolvedHost host) {
        // only user and port matter here: the identity file is not checked (host show works without it)
        return LoginOrigins.complete(host, ssh.resolve(host.user().value().orElse(null),
                host.address().value().orElseThrow(), host.port().value().orElse(null)), settings);
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
                case SSH -> new HeadscaleCliKeySource(new SshHeadscaleCommand(h, headscaleServer(h),
                        ssh::connect));
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
        HeadscaleClient hs = lazyHeadscale();
        return sequence(hs, hs);
    }

    /** The sequence with another key source and node list (a fleet run's shared ones). */
    private ProvisioningSequence sequence(AuthKeySource keys, HeadscaleNodes nodes) {
        return new ProvisioningSequence(ssh::connect, plugins, keys,
                pluginSettings::get, settings.timeouts().toStepTimeouts(),
                settings.ssh().connectTimeout(), settings.timeouts().detect(),
                new NodeRegistry(nodes, settings.headscale().confirmTimeout(), settings.headscale().confirmInterval()))
                .withHostLockWait(settings.timeouts().hostLock());
    }

    /**
     * Many hosts in one run over this runtime's one SSH client, {@code parallel} at a time, sharing
     * Headscale (its client, the node list, the run's key): see {@link FleetRun}.
     */
    public FleetRun fleet(int parallel) {
        return new FleetRun(lazyHeadscale(), settings.headscale().confirmInterval(), this::sequence, parallel);
    }

    /** Syncthing pairing over this runtime's SSH client, {@code parallel} hosts at a time. */
    public dev.mesh.core.syncthing.SyncthingPairingRun syncthing(int parallel) {
        return new dev.mesh.core.syncthing.SyncthingPairingRun(ssh::connect, plugins, pluginSettings::get,
                settings.timeouts().toStepTimeouts(), settings.timeouts().detect(), parallel,
                dev.mesh.core.syncthing.SyncthingPairingRun.START_WAIT);
    }

    /** Commands that join nothing ({@code mesh remote status|remove}) over this runtime's SSH client, {@code parallel} hosts at a time. */
    public dev.mesh.core.remote.RemoteHosts remoteHosts(int parallel) {
        return new dev.mesh.core.remote.RemoteHosts(ssh::connect, plugins, pluginSettings::get,
                settings.timeouts().toStepTimeouts(), settings.timeouts().detect(), parallel);
    }

    /** {@link #headscale()}, built on the first call that needs it. */
    private HeadscaleClient lazyHeadscale() {
        return new HeadscaleClient() {
            @Override
            public dev.mesh.api.Secret create(KeyPolicy policy) throws AuthKeyException {
                return headscale().create(policy);
            }

            @Override
            public MintedKey mint(KeyPolicy policy) throws AuthKeyException {
                return headscale().mint(policy);
            }

            @Override
            public void expire(MintedKey key) throws AuthKeyException {
                headscale().expire(key);
            }

            @Override
            public Optional<String> serverVersion() throws AuthKeyException {
                return headscale().serverVersion();
            }

            @Override
            public void release(MintedKey key) throws AuthKeyException {
                headscale().release(key);
            }

            @Override
            public List<HeadscaleNode> list() throws AuthKeyException {
                return headscale().list();
            }
        };
    }

    @Override
    public void close() {
        ssh.close();
    }
}
