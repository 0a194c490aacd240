package dev.mesh.core.syncthing;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.HostStore;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.core.json.JsonObjects;
import dev.mesh.core.text.LiveSecrets;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The {@link ProvisioningContext} of a pairing run for one host: its connection, OS and plugin
 * settings, its own {@link HostStore}. Pairing joins nothing, so there is no login server and no
 * auth key; the plugin calls it may make are {@code verify} (the host's Tailscale status) and
 * {@link dev.mesh.api.SyncthingPairing#syncthingApi}.
 */
final class PairingContext implements ProvisioningContext {
    private final TargetHost host;
    private final RemoteConnection connection;
    private final DetectedOs os;
    private final StepTimeouts timeouts;
    private final StepListener listener;
    private final Object settings;
    private final HostStore store = HostStore.inMemory();

    PairingContext(TargetHost host, RemoteConnection connection, DetectedOs os, StepTimeouts timeouts,
                   StepListener listener, Object settings) {
        this.host = host;
        this.connection = connection;
        this.os = os;
        this.timeouts = timeouts;
        this.listener = listener;
        this.settings = settings;
    }

    @Override
    public TargetHost host() {
        return host;
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
        throw new IllegalStateException("Syncthing pairing joins nothing: it has no login server");
    }

    @Override
    public Secret authKey() {
        throw new IllegalStateException("Syncthing pairing mints no auth key");
    }

    @Override
    public TailscalePreferences preferences() {
        return TailscalePreferences.builder().build();
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
    public <T> T settings(Class<T> type) {
        if (!type.isInstance(settings)) {
            throw new IllegalStateException("the plugin's settings are not a " + type.getName());
        }
        return type.cast(settings);
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
        return LiveSecrets.scrub(text);
    }

    @Override
    public Secret mintSingleUseKey(Duration expiration) {
        throw new IllegalStateException("Syncthing pairing mints no auth key");
    }
}
