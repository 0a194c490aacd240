// Stands in for mesh-core's per-host ProvisioningContext: hands a step the scripted host, the detected OS, the key and settings.
package dev.mesh.os.linux;

import dev.mesh.core.testing.RecordingListener;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Mutable fields so a test changes only what it is about. */
final class TestContext implements ProvisioningContext {
    static final String KEY = "hskey-auth-Xq7SECRETSECRETSECRET";

    final ScriptedLinuxHost host;
    final RecordingListener listener = new RecordingListener();
    DetectedOs os = new DetectedOs("linux", "debian", "12", "x86_64", "apt", false);
    URI loginServer = URI.create("http://headscale.test:8080");
    Secret authKey = Secret.of(KEY);
    StepTimeouts timeouts = new StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(60));
    PluginConfig config = LinuxConfigs.defaults();

    TestContext(ScriptedLinuxHost host) {
        this.host = host;
    }

    @Override
    public TargetHost host() {
        return host.host();
    }

    @Override
    public RemoteConnection connection() {
        return host;
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
    public ProvisioningOptions options() {
        return new ProvisioningOptions(false);
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
    public PluginConfig config() {
        return config;
    }

    @Override
    public Map<String, Object> parseJsonObject(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("not a JSON object: empty");
        }
        try {
            return ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON))
                    .root().unwrapped();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }
}
