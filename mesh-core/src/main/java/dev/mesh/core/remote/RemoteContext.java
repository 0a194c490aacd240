package dev.mesh.core.remote;

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
import dev.mesh.core.plugin.PluginSettings;
import dev.mesh.core.text.LiveSecrets;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link ProvisioningContext} of a run that joins nothing (Syncthing pairing, {@code mesh remote
 * status}, {@code mesh remote remove}) for one host: its connection, OS and plugin settings, its own
 * {@link HostStore}, the login server when the run has one, and whether it is a dry run. No auth key
 * is ever minted.
 */
public final class RemoteContext implements ProvisioningContext {
    private final TargetHost host;
    private final RemoteConnection connection;
    private final DetectedOs os;
    private final StepTimeouts timeouts;
    private final StepListener listener;
    private final Object settings;
    private final Optional<URI> loginServer;
    private final boolean dryRun;
    private final HostStore store = HostStore.inMemory();

    /** A run without a login server that changes what it is asked to (Syncthing pairing). */
    public RemoteContext(TargetHost host, RemoteConnection connection, DetectedOs os, StepTimeouts timeouts,
                         StepListener listener, Object settings) {
        this(host, connection, os, timeouts, listener, settings, Optional.empty(), false);
    }

    /**
     * @param loginServer the Headscale URL, when configured ({@link #loginServer()} throws without one)
     * @param dryRun      {@code --dry-run}: plugins change nothing
     */
    public RemoteContext(TargetHost host, RemoteConnection connection, DetectedOs os, StepTimeouts timeouts,
                         StepListener listener, Object settings, Optional<URI> loginServer, boolean dryRun) {
        this.loginServer = loginServer;
        this.dryRun = dryRun;
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
        return loginServer.orElseThrow(() -> new IllegalStateException("this run has no login server (mesh.server-url)"));
    }

    @Override
    public Secret authKey() {
        throw new IllegalStateException("this run mints no auth key");
    }

    @Override
    public TailscalePreferences preferences() {
        return TailscalePreferences.builder().build();
    }

    @Override
    public ProvisioningOptions options() {
        return new ProvisioningOptions(false, dryRun);
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
        return LiveSecrets.scrub(text);
    }

    @Override
    public Secret mintSingleUseKey(Duration expiration) {
        throw new IllegalStateException("this run mints no auth key");
    }
}
