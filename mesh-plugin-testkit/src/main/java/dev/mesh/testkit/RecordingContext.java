// Stands in for mesh-core's per-host ProvisioningContext (and its Headscale key minting) so a plugin's steps can run against a simulated host.
package dev.mesh.testkit;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.HostStore;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscalePreferences;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ProvisioningContext} for plugin tests, as mesh-core builds one: the plugin's settings are
 * what its {@code validate} returned for its real reference.conf (plus a test's overrides), JSON is
 * parsed strictly, a listener records every message, keys are minted in memory and every secret it
 * hands out is redacted. Its fields are public and mutable, so a test changes only what it is about.
 */
public class RecordingContext implements ProvisioningContext {
    /** The run's key that {@link #authKey()} returns unless a test sets another. */
    public static final Secret RUN_KEY = Secret.of("hskey-auth-RUNKEY0123456789abcdef");
    /** What {@link #mintSingleUseKey} returns. */
    public static final Secret MANUAL_KEY = Secret.of("hskey-auth-MANUALfedcba9876543210");

    public final RemoteConnection connection;
    public final RecordingListener listener = new RecordingListener();
    /** Every progress line, e.g. {@code "warn: ..."}. */
    public final List<String> messages = listener.lines;
    /** The expiration of every key minted through {@link #mintSingleUseKey}. */
    public final List<Duration> mintedExpirations = new CopyOnWriteArrayList<>();
    /** Secrets besides the keys that {@link #redact} hides, e.g. a sudo password. */
    public final List<Secret> secrets = new CopyOnWriteArrayList<>();
    /** The run's key; null before KEY_GENERATING (inspection, prepare, an already joined host). */
    public Secret authKey = RUN_KEY;
    public boolean skipSyncthing;
    public boolean dryRun;
    /** What {@link #headscaleVersion()} answers; empty: unknown. */
    public Optional<String> headscaleVersion = Optional.of("0.26.1");
    public URI loginServer = URI.create("http://headscale.test:8080");
    public DetectedOs os;
    public StepTimeouts timeouts = new StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(60));
    /** The run's Tailscale preferences: none set, as mesh has them by default. */
    public TailscalePreferences preferences = TailscalePreferences.tailscaleDefaults();
    public HostStore store = HostStore.inMemory();
    /** The plugin's configuration; set by {@link #forPlugin}. */
    public PluginConfig config;
    /** What the plugin's validate returned; set by {@link #forPlugin}. */
    public Object settings;

    public RecordingContext(RemoteConnection connection, DetectedOs os) {
        this.connection = connection;
        this.os = os;
    }

    /**
     * A context for {@code plugin}'s steps: its reference.conf with {@code overrides} laid over it
     * (HOCON with full paths, e.g. {@code mesh.plugins.windows.connect-attempts = 2}), validated by
     * the plugin as mesh-core does at start.
     */
    public static RecordingContext forPlugin(OsProvisioner plugin, RemoteConnection connection, DetectedOs os,
                                             String overrides) {
        RecordingContext ctx = new RecordingContext(connection, os);
        ctx.configure(plugin, overrides);
        return ctx;
    }

    /** Reads and validates {@code plugin}'s configuration again, with other overrides. */
    public RecordingContext configure(OsProvisioner plugin, String overrides) {
        config = HoconPluginConfig.of(plugin.getClass().getClassLoader(), plugin.id(), overrides);
        settings = plugin.validate(config);
        return this;
    }

    @Override
    public TargetHost host() {
        return connection.host();
    }

    @Override
    public RemoteConnection connection() {
        return connection;
    }

    @Override
    public DetectedOs os() {
        return os;
    }

    @Override
    public URI loginServer() {
        return loginServer;
    }

    @Override
    public Secret authKey() {
        if (authKey == null) {
            throw new IllegalStateException("no auth key yet");
        }
        return authKey;
    }

    @Override
    public Optional<String> headscaleVersion() {
        return headscaleVersion;
    }

    @Override
    public TailscalePreferences preferences() {
        return preferences;
    }

    @Override
    public Secret mintSingleUseKey(Duration expiration) {
        mintedExpirations.add(expiration);
        return MANUAL_KEY;
    }

    @Override
    public ProvisioningOptions options() {
        return new ProvisioningOptions(skipSyncthing, dryRun);
    }

    @Override
    public StepTimeouts timeouts() {
        return timeouts;
    }

    @Override
    public StepListener listener() {
        return listener;
    }

    @Override
    public <T> T settings(Class<T> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("settings are " + settings + ", not a " + type.getName()
                    + ": build the context with RecordingContext.forPlugin");
        }
        return type.cast(settings);
    }

    @Override
    public HostStore store() {
        return store;
    }

    /** As mesh-core: one JSON object, strictly; empty output is no object; the message quotes no input. */
    @Override
    public Map<String, Object> parseJsonObject(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("not a JSON object (empty output)");
        }
        try {
            return ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
                    .root().unwrapped();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a JSON object (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String redact(String text) {
        String out = text;
        List<Secret> all = new java.util.ArrayList<>(secrets);
        all.add(RUN_KEY);
        all.add(MANUAL_KEY);
        if (authKey != null) {
            all.add(authKey);
        }
        for (Secret s : all) {
            out = out.replace(s.reveal(), "****");
        }
        return out;
    }

    /** The ⚠ lines, with their prefix. */
    public List<String> warnings() {
        return messages.stream().filter(m -> m.startsWith("warn: ")).toList();
    }
}
