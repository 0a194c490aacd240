// Stands in for mesh-core's per-host ProvisioningContext (and its Headscale key minting) so a plugin step can run against a scripted host.
package dev.mesh.core.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
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
import dev.mesh.core.config.TypesafePluginConfig;
import dev.mesh.core.json.JsonObjects;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ProvisioningContext} for plugin tests: the plugin's real reference.conf (plus overrides)
 * read through mesh-core's own {@link TypesafePluginConfig}, JSON parsed as mesh-core parses it, a
 * listener that records every message, and keys minted in memory.
 */
public class RecordingContext implements ProvisioningContext {
    public static final Secret RUN_KEY = Secret.of("hskey-auth-RUNKEY0123456789abcdef");
    public static final Secret MANUAL_KEY = Secret.of("hskey-auth-MANUALfedcba9876543210");

    public final RemoteConnection connection;
    public final RecordingListener listener = new RecordingListener();
    /** Every progress line, e.g. {@code "warn: ..."}. */
    public final List<String> messages = listener.lines;
    public final List<Duration> mintedExpirations = new CopyOnWriteArrayList<>();
    /** The run's key; null before KEY_GENERATING (inspection, prepare, an already joined host). */
    public Secret authKey = RUN_KEY;
    public boolean skipSyncthing;
    public URI loginServer = URI.create("http://headscale.test:8080");
    public DetectedOs os;
    public StepTimeouts timeouts = new StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(60));
    public PluginConfig config;
    /** What the plugin's validate returned; set by {@link #validate}. */
    public Object settings;
    public TailscalePreferences preferences = TailscalePreferences.builder().acceptRoutes(true).build();
    public HostStore store = HostStore.inMemory();

    /**
     * @param overrides HOCON laid over the plugin's reference.conf, e.g. {@code mesh.plugins.windows.connect-attempts = 2}
     */
    public RecordingContext(RemoteConnection connection, DetectedOs os, String pluginId, String overrides) {
        this.connection = connection;
        this.os = os;
        Config all = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseResources("reference.conf"));
        this.config = new TypesafePluginConfig(pluginId, all.getConfig("mesh.plugins"));
    }

    /** Reads the settings as mesh-core does at start: {@code plugin.validate(config)}. */
    public RecordingContext validate(OsProvisioner plugin) {
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
    public Secret mintSingleUseKey(Duration expiration) {
        mintedExpirations.add(expiration);
        return MANUAL_KEY;
    }

    @Override
    public ProvisioningOptions options() {
        return new ProvisioningOptions(skipSyncthing);
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
        return type.cast(settings);
    }

    @Override
    public TailscalePreferences preferences() {
        return preferences;
    }

    @Override
    public HostStore store() {
        return store;
    }

    @Override
    public String redact(String text) {
        String out = text;
        for (Secret s : java.util.Arrays.asList(authKey, MANUAL_KEY)) {
            out = s == null ? out : out.replace(s.reveal(), "****");
        }
        return out;
    }

    @Override
    public Map<String, Object> parseJsonObject(String json) {
        return JsonObjects.parse(json);
    }

    /** The ⚠ lines, without their prefix. */
    public List<String> warnings() {
        return messages.stream().filter(m -> m.startsWith("warn: ")).toList();
    }
}
