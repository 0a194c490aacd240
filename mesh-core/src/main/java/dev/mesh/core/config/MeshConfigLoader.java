package dev.mesh.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Loads mesh's settings. Layers, lowest to highest precedence:
 * <ol>
 *   <li>every {@code reference.conf} visible to the class loader (mesh-core's defaults, and each OS
 *       plugin's {@code mesh.plugins.<id>} defaults);</li>
 *   <li>the user file, {@code ~/.config/mesh/mesh.conf} by default (may be missing);</li>
 *   <li>the file given with {@code --config} (must exist);</li>
 *   <li>the {@link #ENVIRONMENT_VARIABLES} (other {@code MESH_*} variables are ignored with a
 *       warning);</li>
 *   <li>command-line flags, as setting path → value.</li>
 * </ol>
 * Environment variables are a layer of their own rather than {@code ${?VAR}} lines in
 * reference.conf, because those would lose to any value in a user file.
 */
public final class MeshConfigLoader {

    /** The environment variables mesh reads, in the order {@code --help} lists them. */
    public static final List<EnvironmentVariable> ENVIRONMENT_VARIABLES = withTailscale(
            env("MESH_SERVER_URL", "mesh.server-url", "Headscale URL for tailscale up --login-server"),
            env("MESH_HEADSCALE_USER", "mesh.headscale.user", "Headscale user that owns keys and nodes"),
            env("MESH_HEADSCALE_COMMAND", "mesh.headscale.command", "the local headscale CLI (name or path)"),
            env("MESH_HEADSCALE_SUDO", "mesh.headscale.sudo", "run the headscale CLI with sudo -n (true/false)"),
            env("MESH_HEADSCALE_TIMEOUT", "mesh.headscale.timeout", "time limit of one headscale CLI call or API request"),
            env("MESH_HEADSCALE_SOURCE", "mesh.headscale.source", "where keys come from: cli, rest or ssh"),
            env("MESH_HEADSCALE_URL", "mesh.headscale.url", "Headscale REST API URL (default: mesh.server-url)"),
            env("MESH_HEADSCALE_API_KEY_FILE", "mesh.headscale.api-key-file", "file with the REST API key"),
            env("MESH_HEADSCALE_SSH_HOST", "mesh.headscale.ssh-host", "[user@]host of the Headscale server (ssh)"),
            env("MESH_HEADSCALE_SSH_PORT", "mesh.headscale.ssh-port", "SSH port of the Headscale server; 0: default"),
            env("MESH_HEADSCALE_CONFIRM_TIMEOUT", "mesh.headscale.confirm-timeout",
                    "how long to wait for Headscale to list a joined node"),
            env("MESH_HEADSCALE_CONFIRM_INTERVAL", "mesh.headscale.confirm-interval",
                    "how often to ask Headscale meanwhile"),
            env("MESH_KEY_REUSABLE", "mesh.headscale.key.reusable", "pre-auth key may join several machines"),
            env("MESH_KEY_EPHEMERAL", "mesh.headscale.key.ephemeral", "nodes are removed when offline"),
            env("MESH_KEY_EXPIRATION", "mesh.headscale.key.expiration", "pre-auth key lifetime, e.g. 24h"),
            env("MESH_KEY_TAGS", "mesh.headscale.key.tags", "ACL tags, comma-separated, e.g. tag:server"),
            env("MESH_SSH_USER", "mesh.ssh.user", "SSH login user (default: ~/.ssh/config, else local user)"),
            env("MESH_SSH_PORT", "mesh.ssh.port", "default SSH port"),
            env("MESH_SSH_IDENTITY", "mesh.ssh.identity", "private key tried first (like ssh -i)"),
            env("MESH_SSH_KNOWN_HOSTS", "mesh.ssh.known-hosts", "known_hosts file"),
            env("MESH_SSH_CONFIG", "mesh.ssh.config-file", "OpenSSH client config; empty disables it"),
            env("MESH_SSH_CONNECT_TIMEOUT", "mesh.ssh.connect-timeout", "SSH connect and login time limit"),
            env("MESH_SSH_HEARTBEAT", "mesh.ssh.heartbeat", "SSH keep-alive interval; 0s disables it"),
            env("MESH_TIMEOUT_COMMAND", "mesh.timeouts.command", "time limit of an ordinary remote command"),
            env("MESH_TIMEOUT_DETECT", "mesh.timeouts.detect", "time limit of remote OS detection"),
            env("MESH_TIMEOUT_INSTALL", "mesh.timeouts.install", "time limit of a package installation"),
            env("MESH_TIMEOUT_CONNECT", "mesh.timeouts.connect", "time limit of tailscale up"),
            env("MESH_TIMEOUT_HOST_LOCK", "mesh.timeouts.host-lock", "how long to wait for another mesh run on the host"),
            env("MESH_INVENTORY", "mesh.inventory", "the host inventory (default: mesh/hosts.conf beside mesh.conf)"));

    /**
     * {@code MESH_*} variables that are not settings, so they draw no "not a mesh setting" warning.
     * The API key is read from the environment only: as a setting it could end up in a message.
     */
    public static final Set<String> OTHER_VARIABLES = Set.of("MESH_HEADSCALE_API_KEY", "MESH_PLUGIN_PATH",
            "MESH_JAVA_OPTS");

    private static final String ENV_PREFIX = "MESH_";

    private MeshConfigLoader() {
    }

    /** {@code ~/.config/mesh/mesh.conf}. */
    public static Path defaultUserFile() {
        return home().resolve(".config").resolve("mesh").resolve("mesh.conf");
    }

    /**
     * Loads, layers, reads and checks every setting.
     *
     * @param loader        finds the {@code reference.conf} files (mesh-core's and the plugins')
     * @param userFile      the user's file, usually {@link #defaultUserFile()}; a missing file is fine
     * @param explicitFile  the file given with {@code --config}, which must exist
     * @param env           the environment, e.g. {@code System.getenv()}
     * @param flagOverrides setting path (e.g. {@code mesh.ssh.port}) → value from a command-line
     *                      flag; a null value means the flag was not given
     * @throws MeshConfigException naming the file and line, variable or flag of the first bad value
     */
    public static MeshSettings load(ClassLoader loader, Path userFile, Optional<Path> explicitFile,
            Map<String, String> env, Map<String, Object> flagOverrides) {
        List<String> warnings = new ArrayList<>();
        Map<String, String> overrideLabels = new HashMap<>();
        Map<String, Origin> overrideOrigins = new HashMap<>();
        Config reference = wrap(() -> ConfigFactory.defaultReferenceUnresolved(loader));
        Config user = ConfigFiles.parse(userFile, "configuration file", true);
        Config explicit = explicitFile.map(file -> ConfigFiles.parse(file, "configuration file (given with --config)",
                false)).orElse(ConfigFactory.empty());
        Config environment = environmentLayer(env, reference, overrideLabels, overrideOrigins, warnings);
        Config flags = flagLayer(flagOverrides, overrideLabels, overrideOrigins);
        Config merged = wrap(() -> flags.withFallback(environment).withFallback(explicit).withFallback(user)
                .withFallback(reference).resolve());
        warnings.addAll(unknownSettings(merged, reference));
        SettingsReader reader = new SettingsReader(merged, overrideLabels, overrideOrigins, home());
        return read(reader, env, warnings);
    }

    /** Where settings come from, in order of precedence, for {@code --help} and the README. */
    public static String describeSources() {
        int width = ENVIRONMENT_VARIABLES.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        String vars = ENVIRONMENT_VARIABLES.stream()
                .map(v -> String.format("       %-" + width + "s  %s: %s", v.name(), v.path(), v.description()))
                .collect(Collectors.joining("\n"));
        return "Settings, lowest to highest precedence:\n"
                + "  1. defaults: reference.conf in mesh and in each OS plugin jar\n"
                + "  2. " + defaultUserFile() + " (optional)\n"
                + "  3. the file given with --config FILE\n"
                + "  4. environment variables:\n" + vars + "\n"
                + "  5. command-line flags\n";
    }

    private static MeshSettings read(SettingsReader r, Map<String, String> env, List<String> warnings) {
        KeySettings key = new KeySettings(r.bool("mesh.headscale.key.reusable"),
                r.bool("mesh.headscale.key.ephemeral"), expiration(r), tags(r));
        HeadscaleSettings headscale = new HeadscaleSettings(r.nonBlank("mesh.headscale.user").strip(),
                r.words("mesh.headscale.command"), r.bool("mesh.headscale.sudo"),
                r.timeout("mesh.headscale.timeout"), key, source(r, env), r.httpUrl("mesh.headscale.url"),
                r.optionalPath("mesh.headscale.api-key-file"), r.optionalString("mesh.headscale.ssh-host"),
                sshPort(r), r.timeout("mesh.headscale.confirm-timeout"),
                r.positiveDuration("mesh.headscale.confirm-interval"));
        SshConfigSettings ssh = new SshConfigSettings(r.sshUser("mesh.ssh.user"), r.port("mesh.ssh.port"),
                r.optionalPath("mesh.ssh.identity"), r.path("mesh.ssh.known-hosts"),
                r.optionalPath("mesh.ssh.config-file"), r.timeout("mesh.ssh.connect-timeout"),
                r.nonNegativeDuration("mesh.ssh.heartbeat"));
        Timeouts timeouts = new Timeouts(r.timeout("mesh.timeouts.command"),
                r.timeout("mesh.timeouts.detect"), r.timeout("mesh.timeouts.install"),
                r.timeout("mesh.timeouts.connect"), r.nonNegativeDuration("mesh.timeouts.host-lock"));
        Optional<Origin> apiKey = ApiKeyOrigin.of(env, headscale.apiKeyFile(), r.origin("mesh.headscale.api-key-file"));
        Optional<URI> serverUrl = r.httpUrl("mesh.server-url");
        if (headscale.source() == HeadscaleSettings.Source.REST) {
            headscale.url().or(() -> serverUrl).filter(MeshConfigLoader::inClear).ifPresent(url -> warnings.add(
                    "the Headscale API key goes to " + url.getHost() + " in clear (http://): anyone on the way can"
                            + " take over Headscale with it; use https://, a loopback URL (an SSH tunnel), or"
                            + " mesh.headscale.source = ssh"));
        }
        SettingsListing listing = SettingsListing.of(r, apiKey.isPresent() && !sourceChosen(r));
        return new MeshSettings(serverUrl, headscale, ssh, timeouts, r.tailscale(),
                r.optionalPath("mesh.inventory"), r.subtree("mesh.plugins"), listing.settings(), apiKey, warnings);
    }

    /**
     * {@code mesh.headscale.source}; when nobody chose one but an API key is given
     * ({@code MESH_HEADSCALE_API_KEY} or {@code mesh.headscale.api-key-file}), the REST API: the key
     * has no other use, so ignoring it for the local CLI would surprise.
     */
    private static HeadscaleSettings.Source source(SettingsReader r, Map<String, String> env) {
        HeadscaleSettings.Source chosen = HeadscaleSettings.Source.parse(r.string("mesh.headscale.source"))
                .orElseThrow(() -> r.invalid("mesh.headscale.source", "must be cli, rest or ssh"));
        boolean keyGiven = ApiKeyOrigin.of(env, r.optionalPath("mesh.headscale.api-key-file"),
                r.origin("mesh.headscale.api-key-file")).isPresent();
        return !sourceChosen(r) && keyGiven ? HeadscaleSettings.Source.REST : chosen;
    }

    /** Plain http to anything but this machine's loopback. */
    static boolean inClear(URI url) {
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            return false;
        }
        String host = url.getHost() == null ? "" : url.getHost().replaceAll("^\\[|\\]$", "");
        return !(host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    private static boolean sourceChosen(SettingsReader r) {
        return r.origin("mesh.headscale.source").kind() != Origin.Kind.DEFAULT;
    }

    private static Optional<Integer> sshPort(SettingsReader r) {
        String path = "mesh.headscale.ssh-port";
        String text = r.string(path).strip();
        if (text.equals("0") || text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(r.port(path));
    }

    private static Duration expiration(SettingsReader r) {
        String path = "mesh.headscale.key.expiration";
        Duration expiration = r.positiveDuration(path);
        return r.check(path, () -> SettingChecks.keyExpiration(expiration));
    }

    private static List<String> tags(SettingsReader r) {
        List<String> tags = r.strings("mesh.headscale.key.tags");
        for (String tag : tags) {
            // Headscale refuses ACL tags without the "tag:" prefix
            if (!tag.startsWith("tag:") || tag.length() == "tag:".length() || tag.contains(",")) {
                throw r.invalid("mesh.headscale.key.tags", "each tag must look like tag:NAME, got \"" + tag + "\"");
            }
        }
        return tags;
    }

    /** One value per known variable, each with its own origin so messages can name the variable. */
    private static Config environmentLayer(Map<String, String> env, Config reference,
            Map<String, String> overrideLabels, Map<String, Origin> overrideOrigins, List<String> warnings) {
        Map<String, EnvironmentVariable> known = ENVIRONMENT_VARIABLES.stream()
                .collect(Collectors.toMap(EnvironmentVariable::name, v -> v));
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            EnvironmentVariable variable = known.get(e.getKey());
            if (variable == null) {
                if (e.getKey().startsWith(ENV_PREFIX) && !OTHER_VARIABLES.contains(e.getKey())) {
                    warnings.add("environment variable " + e.getKey() + " is not a mesh setting; ignored");
                }
                continue;
            }
            String origin = "environment variable " + variable.name();
            overrideLabels.put(origin, variable.name() + "=" + e.getValue());
            overrideOrigins.put(origin, Origin.environment(variable.name()));
            Object value = environmentValue(reference, variable.path(), e.getValue());
            layer = layer.withFallback(ConfigValueFactory.fromAnyRef(value, origin).atPath(variable.path()));
        }
        return layer;
    }

    private static Config flagLayer(Map<String, Object> flagOverrides, Map<String, String> overrideLabels,
            Map<String, Origin> overrideOrigins) {
        Config layer = ConfigFactory.empty();
        for (Map.Entry<String, Object> e : new TreeMap<>(flagOverrides).entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Object value = flagValue(e.getValue());
            String origin = "command-line option " + e.getKey();
            overrideLabels.put(origin, "command-line option " + e.getKey() + "=" + value);
            overrideOrigins.put(origin, Origin.flag(e.getKey()));
            Config one = wrap(() -> ConfigValueFactory.fromAnyRef(value, origin).atPath(e.getKey()));
            layer = layer.withFallback(one);
        }
        return layer;
    }

    /** Turns the Java values a CLI naturally has into ones Typesafe Config understands. */
    private static Object flagValue(Object value) {
        if (value instanceof Duration d) {
            return d.toMillis() + "ms";
        }
        if (value instanceof Path || value instanceof URI) {
            return value.toString();
        }
        return value;
    }

    /**
     * The text of a variable as a value: a list setting splits at commas; for a setting that is unset
     * by default (null in reference.conf, e.g. {@code mesh.tailscale.*}), an empty variable is unset.
     */
    private static Object environmentValue(Config reference, String path, String text) {
        boolean unsetByDefault = reference.hasPathOrNull(path) && reference.getIsNull(path);
        if (unsetByDefault && text.isBlank()) {
            return null;
        }
        boolean list = reference.hasPath(path) && reference.getValue(path).valueType() == ConfigValueType.LIST
                || Arrays.stream(TailscalePreference.values()).anyMatch(p -> p.isList() && p.settingPath().equals(path));
        return list ? splitList(text) : text;
    }

    private static List<EnvironmentVariable> withTailscale(EnvironmentVariable... variables) {
        List<EnvironmentVariable> all = new ArrayList<>(List.of(variables));
        for (TailscalePreference p : TailscalePreference.values()) {
            all.add(env(p.variable(), p.settingPath(), "Tailscale " + p.key() + ": " + p.description()
                    + (p.isList() ? " (comma-separated)" : "") + "; empty: unset"));
        }
        return List.copyOf(all);
    }

    private static List<String> splitList(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Settings under {@code mesh} that no reference.conf defines: usually a typo. */
    private static List<String> unknownSettings(Config merged, Config reference) {
        if (!merged.hasPath("mesh") || merged.getValue("mesh").valueType() != ConfigValueType.OBJECT) {
            return List.of();
        }
        List<String> unknown = new ArrayList<>();
        merged.getConfig("mesh").entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String path = "mesh." + e.getKey();
            if (!path.startsWith("mesh.plugins.") && !reference.hasPathOrNull(path)) {
                unknown.add(e.getValue().origin().description() + ": unknown setting " + path + "; ignored");
            }
        });
        return unknown;
    }

    private static Config wrap(Supplier<Config> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            throw new MeshConfigException(e.getMessage(), e);
        }
    }

    private static EnvironmentVariable env(String name, String path, String description) {
        return new EnvironmentVariable(name, path, description);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
