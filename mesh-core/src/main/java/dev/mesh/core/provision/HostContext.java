package dev.mesh.core.provision;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStore;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.json.JsonObjects;
import dev.mesh.core.plugin.PluginSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ProvisioningContext} mesh-core hands a plugin for one host and one run: its own
 * {@link HostStore}, so nothing a plugin remembers outlives the run or crosses to another host.
 */
final class HostContext implements ProvisioningContext {
    private final ProvisioningRequest request;
    private final RemoteConnection connection;
    private final DetectedOs os;
    private final StepTimeouts timeouts;
    private final StepListener listener;
    private final Object settings;
    private final AuthKeySource keys;
    private final SecretScrubber scrubber;
    private final HostStore store = HostStore.inMemory();
    private final List<Cleanup> cleanups = new ArrayList<>();
    private Secret authKey;
    private Optional<String> headscaleVersion;

    /** Something a step put on the host, and the command that removes it ({@link #registerCleanup}). */
    record Cleanup(String what, String command) {
    }

    /**
     * @param settings what the plugin's {@code validate} returned at start
     */
    HostContext(ProvisioningRequest request, RemoteConnection connection, DetectedOs os, StepTimeouts timeouts,
                StepListener listener, Object settings, AuthKeySource keys, SecretScrubber scrubber) {
        this.request = request;
        this.connection = connection;
        this.os = os;
        this.timeouts = timeouts;
        this.listener = listener;
        this.settings = settings;
        this.keys = keys;
        this.scrubber = scrubber;
    }

    void authKey(Secret key) {
        this.authKey = key;
        scrubber.add(key);
    }

    @Override
    public TargetHost host() {
        return request.host();
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
        return request.loginServer();
    }

    @Override
    public Secret authKey() {
        if (authKey == null) {
            throw new IllegalStateException("the auth key is generated after PREFLIGHT; it is not available yet");
        }
        return authKey;
    }

    /**
     * Asks the key source once; a source that cannot be asked (Headscale unreachable) is "unknown"
     * here: KEY_GENERATING reports that failure in its own row.
     */
    @Override
    public synchronized Optional<String> headscaleVersion() {
        if (headscaleVersion == null) {
            try {
                headscaleVersion = keys == null ? Optional.empty() : keys.serverVersion();
            } catch (AuthKeyException | RuntimeException e) {
                headscaleVersion = Optional.empty();
            }
        }
        return headscaleVersion;
    }

    @Override
    public TailscalePreferences preferences() {
        return request.preferences();
    }

    @Override
    public ProvisioningOptions options() {
        return request.options();
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
        return PluginSettings.as(settings, type);
    }

    @Override
    public HostStore store() {
        return store;
    }

    @Override
    public Map<String, Object> parseJsonObject(String json) {
        return JsonObjects.parse(json);
    }

    @Override
    public String redact(String text) {
        return scrubber.scrub(text);
    }

    @Override
    public Secret mintSingleUseKey(Duration expiration) {
        KeyPolicy base = request.keyPolicy();
        try {
            Secret key = keys.create(new KeyPolicy(base.user(), false, base.ephemeral(), expiration, base.tags()));
            scrubber.add(key);
            return key;
        } catch (AuthKeyException e) {
            throw new StepFailedException(Failures.headscale(e, FailureReason.AUTH_KEY_FAILED), e.getMessage());
        }
    }

    @Override
    public void registerCleanup(String what, String removeCommand) {
        synchronized (cleanups) {
            cleanups.add(new Cleanup(what, removeCommand));
        }
    }

    /** What the steps registered since the last call, newest first (removed in the reverse order of creation). */
    List<Cleanup> takeCleanups() {
        synchronized (cleanups) {
            List<Cleanup> taken = new ArrayList<>(cleanups);
            cleanups.clear();
            java.util.Collections.reverse(taken);
            return taken;
        }
    }

    List<Secret> secrets() {
        return scrubber.secrets();
    }
}
