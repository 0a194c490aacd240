// Stands in for mesh-core's per-host ProvisioningContext (and its Headscale key minting) so a plugin step can run against a scripted host.
package dev.mesh.os.windows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProvisioningContext} over a scripted connection: the plugin's real reference.conf (plus
 * overrides), JSON parsed by Typesafe Config as mesh-core would, a listener that records every
 * message, and single-use keys minted in memory.
 */
final class TestContext implements ProvisioningContext {
    static final Secret RUN_KEY = Secret.of("hskey-auth-RUNKEY0123456789abcdef");
    static final Secret MANUAL_KEY = Secret.of("hskey-auth-MANUALfedcba9876543210");

    final RemoteConnection connection;
    final List<String> messages = new ArrayList<>();
    final List<Duration> mintedExpirations = new ArrayList<>();
    final PluginConfig config;
    boolean keyMinted = true;
    URI loginServer = URI.create("http://headscale.test:8080");

    TestContext(RemoteConnection connection, String pluginId, String overrides) {
        this.connection = connection;
        Config all = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseResources("reference.conf"));
        this.config = new TypesafePluginConfig(all.getConfig("mesh.plugins." + pluginId));
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
        return new DetectedOs("windows", "windows-11-pro", "10.0.22631", "AMD64", "winget", false);
    }

    @Override
    public URI loginServer() {
        return loginServer;
    }

    @Override
    public Secret authKey() {
        if (!keyMinted) {
            throw new IllegalStateException("no auth key yet");
        }
        return RUN_KEY;
    }

    @Override
    public Secret mintSingleUseKey(Duration expiration) {
        mintedExpirations.add(expiration);
        return MANUAL_KEY;
    }

    @Override
    public ProvisioningOptions options() {
        return new ProvisioningOptions(false);
    }

    @Override
    public StepTimeouts timeouts() {
        return new StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(60));
    }

    @Override
    public StepListener listener() {
        return new StepListener() {
            @Override
            public void section(String title) {
                messages.add("section: " + title);
            }

            @Override
            public void info(String message) {
                messages.add("info: " + message);
            }

            @Override
            public void ok(String message) {
                messages.add("ok: " + message);
            }

            @Override
            public void warn(String message) {
                messages.add("warn: " + message);
            }
        };
    }

    @Override
    public PluginConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> parseJsonObject(String json) {
        try {
            return ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON)).root().unwrapped();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    List<String> warnings() {
        return messages.stream().filter(m -> m.startsWith("warn: ")).toList();
    }

    /** A plugin's config subtree backed by Typesafe Config, as mesh-core provides it. */
    record TypesafePluginConfig(Config config) implements PluginConfig {
        @Override
        public boolean has(String path) {
            return config.hasPath(path);
        }

        @Override
        public String string(String path) {
            return get(() -> config.getString(path));
        }

        @Override
        public int integer(String path) {
            return get(() -> config.getInt(path));
        }

        @Override
        public boolean bool(String path) {
            return get(() -> config.getBoolean(path));
        }

        @Override
        public Duration duration(String path) {
            return get(() -> config.getDuration(path));
        }

        @Override
        public List<String> strings(String path) {
            return get(() -> config.getStringList(path));
        }

        private static <T> T get(java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (ConfigException e) {
                throw new PluginConfigException(e.getMessage());
            }
        }
    }
}
