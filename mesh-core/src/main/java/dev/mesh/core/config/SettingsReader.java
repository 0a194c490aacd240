package dev.mesh.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads typed, checked values from the merged configuration; every failure becomes a
 * {@link MeshConfigException} naming where the value came from. A value from an environment
 * variable or a flag is named as such ({@code MESH_SSH_PORT=abc: not a port number}); a value from
 * a file keeps Typesafe's "file: line: path" description.
 */
final class SettingsReader {
    private final Config config;
    private final Map<String, String> overrideLabels;
    private final Map<String, Origin> overrideOrigins;
    private final Path home;

    /**
     * @param overrideLabels origin description of an environment/flag value → how to name it in
     *                       a message, e.g. {@code MESH_SSH_PORT=abc}
     * @param overrideOrigins the same descriptions → the variable or flag as an {@link Origin}
     */
    SettingsReader(Config config, Map<String, String> overrideLabels, Map<String, Origin> overrideOrigins,
            Path home) {
        this.config = config;
        this.overrideLabels = overrideLabels;
        this.overrideOrigins = overrideOrigins;
        this.home = home;
    }

    /** The merged configuration this reader reads. */
    Config config() {
        return config;
    }

    /** Where the value at {@code path} (which may be null) came from. */
    Origin origin(String path) {
        return config.hasPathOrNull(path) ? origin(config.getValue(path).origin()) : Origin.byDefault("not set");
    }

    /** An {@link Origin} for a Typesafe origin of the merged configuration. */
    Origin origin(com.typesafe.config.ConfigOrigin origin) {
        Origin override = overrideOrigins.get(origin.description());
        return override != null ? override : Origin.of(origin);
    }

    String string(String path) {
        return read(path, "not a string", () -> config.getString(path));
    }

    String nonBlank(String path) {
        String value = string(path);
        if (value.isBlank()) {
            throw invalid(path, "must not be empty");
        }
        return value;
    }

    Optional<String> optionalString(String path) {
        String value = string(path).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    boolean bool(String path) {
        return read(path, "not a boolean (true or false)", () -> config.getBoolean(path));
    }

    int port(String path) {
        String problem = "not a port number (1-65535)";
        int port = read(path, problem, () -> config.getInt(path));
        if (port < 1 || port > 65535) {
            throw invalid(path, problem);
        }
        return port;
    }

    /** A duration with a unit (30s, 10m, 24h, 90d) that is greater than zero. */
    Duration positiveDuration(String path) {
        Duration d = duration(path);
        if (d.isZero() || d.isNegative()) {
            throw invalid(path, "must be greater than zero");
        }
        return d;
    }

    /**
     * A timeout: a duration of at least one second. Shorter ones passed "greater than zero" and then
     * failed every connection or command at run time with hints such as ConnectTimeout=0.
     */
    Duration timeout(String path) {
        Duration d = positiveDuration(path);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid(path, "must be at least 1s (a timeout shorter than a second ends every command)");
        }
        return d;
    }

    /** A duration with a unit that is zero or more. */
    Duration nonNegativeDuration(String path) {
        Duration d = duration(path);
        if (d.isNegative()) {
            throw invalid(path, "must not be negative");
        }
        return d;
    }

    private Duration duration(String path) {
        String problem = "not a duration (e.g. 30s, 10m, 24h, 90d)";
        Duration d = read(path, problem, () -> config.getDuration(path));
        ConfigValue raw = config.getValue(path);
        // Typesafe reads a bare number as milliseconds: "timeout = 30" would be 30 ms, never meant
        if (raw.valueType() == ConfigValueType.NUMBER || String.valueOf(raw.unwrapped()).strip().matches("[0-9.]+")) {
            throw invalid(path, "needs a unit (e.g. 30s, 10m, 24h, 90d)");
        }
        return d;
    }

    List<String> strings(String path) {
        return read(path, "not a list of strings", () -> List.copyOf(config.getStringList(path)));
    }

    /**
     * A command as an argument vector: a list of strings, or one string split into words as sh would
     * ({@link dev.mesh.core.text.ShellWords}); never empty.
     */
    List<String> words(String path) {
        ConfigValue value = read(path, "not a string or a list of strings", () -> config.getValue(path));
        List<String> words;
        try {
            words = value.valueType() == ConfigValueType.LIST ? strings(path)
                    : dev.mesh.core.text.ShellWords.split(string(path));
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
        if (words.isEmpty() || words.get(0).isBlank()) {
            throw invalid(path, "must not be empty");
        }
        return words;
    }

    /**
     * An http(s) URL with a host and, if given, a port from 1 to 65535; empty when the value is empty.
     * A URL carrying credentials ({@code https://user:pass@…}) is refused without echoing it: it
     * would be printed, and put in the host's process list by {@code tailscale up --login-server}.
     */
    Optional<URI> httpUrl(String path) {
        Optional<String> text = optionalString(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String problem = "not an http:// or https:// URL with a host (e.g. https://headscale.example.com)";
        if (hasUserInfo(text.get())) { // before parsing: a parse error would echo the password
            throw invalidRedacted(path, "a URL must not carry a user name or password (user:password@); "
                    + "the Headscale URL is public");
        }
        URI uri;
        try {
            uri = new URI(text.get());
        } catch (URISyntaxException e) {
            throw invalid(path, problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw invalid(path, problem);
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw invalid(path, "the port must be between 1 and 65535");
        }
        return Optional.of(uri);
    }

    /** Whether the authority of {@code url} (between "//" and the next '/', '?' or '#') has a '@'. */
    private static boolean hasUserInfo(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return false;
        }
        String rest = url.substring(start + 2);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            end = i >= 0 ? Math.min(end, i) : end;
        }
        return rest.substring(0, end).contains("@");
    }

    /** An SSH login name ({@link SettingChecks#sshUser}), or empty when the value is empty. */
    Optional<String> sshUser(String path) {
        return optionalString(path).map(user -> check(path, () -> SettingChecks.sshUser(user)));
    }

    /** Every {@code mesh.tailscale.*} preference; a null (or absent) one is unset. */
    TailscalePreferences tailscale() {
        java.util.Map<TailscalePreference, Object> values = new java.util.EnumMap<>(TailscalePreference.class);
        for (TailscalePreference p : TailscalePreference.values()) {
            String path = p.settingPath();
            if (config.hasPath(path)) {
                values.put(p, read(path, p.expected(), () -> check(path, () -> p.read(config, path))));
            }
        }
        return TailscalePreferences.of(values);
    }

    /** Runs a {@link SettingChecks} rule on the value at {@code path}, naming it on failure. */
    <T> T check(String path, Supplier<T> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
    }

    /** A path with "~" expanded; required. */
    Path path(String path) {
        return optionalPath(path).orElseThrow(() -> invalid(path, "must not be empty"));
    }

    /** A path with "~" expanded, or empty when the value is empty. */
    Optional<Path> optionalPath(String path) {
        return optionalString(path).map(this::expandHome);
    }

    Path expandHome(String text) {
        if (text.equals("~")) {
            return home;
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2));
        }
        return Path.of(text);
    }

    /** The subtree at {@code path}. */
    Config subtree(String path) {
        return read(path, "not an object", () -> config.getConfig(path));
    }

    /** A {@link MeshConfigException} for the value at {@code path}, which exists but is wrong. */
    MeshConfigException invalid(String path, String problem) {
        ConfigValue value = config.getValue(path);
        String label = overrideLabels.get(value.origin().description());
        if (label != null) {
            return new MeshConfigException(label + ": " + problem);
        }
        return new MeshConfigException(value.origin().description() + ": " + path + " = " + value.render()
                + ": " + problem);
    }

    /** As {@link #invalid}, naming where the value is but not the value (it may hold a password). */
    MeshConfigException invalidRedacted(String path, String problem) {
        ConfigValue value = config.getValue(path);
        String label = overrideLabels.get(value.origin().description());
        String where = label != null ? label.substring(0, label.indexOf('=') + 1) + "…"
                : value.origin().description() + ": " + path;
        return new MeshConfigException(where + ": " + problem);
    }

    private <T> T read(String path, String problem, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            // reference.conf has every key, so only a file that sets a parent to null gets here
            throw new MeshConfigException(e.getMessage(), e);
        } catch (ConfigException e) {
            if (isOverride(path)) {
                throw invalid(path, problem);
            }
            throw new MeshConfigException(e.getMessage(), e); // already "file: line: path has type X rather than Y"
        }
    }

    /** Whether the value at {@code path} came from an environment variable or a flag. */
    private boolean isOverride(String path) {
        try {
            return overrideLabels.containsKey(config.getValue(path).origin().description());
        } catch (ConfigException e) {
            return false; // a parent is not an object: not an override
        }
    }
}
