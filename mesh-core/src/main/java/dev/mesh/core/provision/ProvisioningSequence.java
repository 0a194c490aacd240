package dev.mesh.core.provision;

import dev.mesh.api.Capability;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.Secret;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.plugin.PluginRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The provisioning sequence as an explicit state machine (ARCHITECTURE.md draws it):
 * <pre>
 * SSH_TESTING → OS_DETECTING → HOST_LOCKING → PREFLIGHT → REGISTRY_CHECK → KEY_GENERATING → INSTALLING
 *   → CONNECTING → VERIFYING → NODE_CONFIRMING → SYNCTHING → SUCCESS
 *   REGISTRY_CHECK → SYNCTHING (or SUCCESS) when the host says it is joined AND Headscale lists a live node
 *     with one of its addresses; otherwise the host is provisioned, whatever Headscale lists by name
 *   KEY_GENERATING → CONNECTING when Tailscale is installed; --force: PREFLIGHT → KEY_GENERATING
 *   CONNECTING → MANUAL_NEEDED when the plugin hands the last step to the operator
 *   --dry-run: no HOST_LOCKING; after PREFLIGHT/REGISTRY_CHECK → PLANNED, nothing minted or changed
 *   any state → INTERRUPTED on Ctrl-C/SIGTERM ({@link StopSignal}); any state → EXIT_ERROR on failure
 * {@code mesh remote prepare}: SSH_TESTING → OS_DETECTING → HOST_LOCKING → PREPARING → SUCCESS;
 * {@code mesh remote detect}: SSH_TESTING → OS_DETECTING → SUCCESS.
 * </pre>
 * Each OS-specific state is one {@link OsProvisioner} method or {@link Capability}. One SSH
 * connection serves the whole run. Whatever a plugin throws, {@link Error}s included, ends only this
 * run, in the state's own failure row, naming the plugin and its jar: other hosts' runs go on. The
 * run itself is {@link ProvisioningRun}.
 */
public final class ProvisioningSequence {
    /** What the seed runs to prove SSH works. */
    static final String SSH_TEST_COMMAND = "echo connected";
    /** How long a run waits for another run's lock on the host, unless told ({@code mesh.timeouts.host-lock}). */
    public static final Duration DEFAULT_HOST_LOCK_WAIT = Duration.ofSeconds(30);

    final HostConnector connector;
    final PluginRegistry plugins;
    final AuthKeySource keys;
    final Function<String, Object> pluginSettings;
    final StepTimeouts timeouts;
    final Duration sshTestTimeout;
    final Duration detectTimeout;
    final NodeRegistry registry; // null: REGISTRY_CHECK and NODE_CONFIRMING are not visited
    final Duration hostLockWait;

    /**
     * @param pluginSettings what each plugin's {@code validate} returned at start, by plugin id
     *                       ({@link PluginRegistry#validate})
     */
    public ProvisioningSequence(HostConnector connector, PluginRegistry plugins, AuthKeySource keys,
                                Function<String, Object> pluginSettings, StepTimeouts timeouts,
                                Duration sshTestTimeout, Duration detectTimeout) {
        this(connector, plugins, keys, pluginSettings, timeouts, sshTestTimeout, detectTimeout, null);
    }

    /** With Headscale's node list: cross-check joined hosts, confirm the ones that join. */
    public ProvisioningSequence(HostConnector connector, PluginRegistry plugins, AuthKeySource keys,
                                Function<String, Object> pluginSettings, StepTimeouts timeouts,
                                Duration sshTestTimeout, Duration detectTimeout, NodeRegistry registry) {
        this(connector, plugins, keys, pluginSettings, timeouts, sshTestTimeout, detectTimeout, registry,
                DEFAULT_HOST_LOCK_WAIT);
    }

    private ProvisioningSequence(HostConnector connector, PluginRegistry plugins, AuthKeySource keys,
                                 Function<String, Object> pluginSettings, StepTimeouts timeouts,
                                 Duration sshTestTimeout, Duration detectTimeout, NodeRegistry registry,
                                 Duration hostLockWait) {
        this.registry = registry;
        this.connector = connector;
        this.plugins = plugins;
        this.keys = keys;
        this.pluginSettings = pluginSettings;
        this.timeouts = timeouts;
        this.sshTestTimeout = sshTestTimeout;
        this.detectTimeout = detectTimeout;
        this.hostLockWait = hostLockWait;
    }

    /**
     * The same sequence, waiting up to {@code wait} for another run's lock on a host
     * ({@code mesh.timeouts.host-lock}; zero: stop at once when the host is locked).
     */
    public ProvisioningSequence withHostLockWait(Duration wait) {
        if (Objects.requireNonNull(wait, "wait").isNegative()) {
            throw new IllegalArgumentException("the host lock wait must not be negative: " + wait);
        }
        return new ProvisioningSequence(connector, plugins, keys, pluginSettings, timeouts, sshTestTimeout,
                detectTimeout, registry, wait);
    }

    /** Which path through the states a run takes. */
    enum Mode { PROVISION, DETECT, PREPARE }

    /** Runs the whole sequence for one host; nothing can stop it but its own end. */
    public ProvisioningReport provision(ProvisioningRequest request, StepListener listener) {
        return provision(request, listener, StopSignal.never());
    }

    /**
     * Runs the whole sequence for one host; never throws for a host-side or plugin failure. When
     * {@code stop} is raised, the run ends its remote command, removes what it put on the host,
     * expires its key and ends in {@link ProvisioningOutcome.Interrupted}.
     */
    public ProvisioningReport provision(ProvisioningRequest request, StepListener listener, StopSignal stop) {
        return new ProvisioningRun(this, request, listener, Mode.PROVISION, null, stop).execute();
    }

    /** Runs only SSH_TESTING and OS_DETECTING ({@code mesh remote detect}). */
    public ProvisioningReport detect(TargetHost host, StepListener listener) {
        return new ProvisioningRun(this, hostOnly(host), listener, Mode.DETECT, null, StopSignal.never()).execute();
    }

    /** As {@link #prepare(ProvisioningRequest, Secret, StepListener)} with the host alone: nothing to pin. */
    public ProvisioningReport prepare(TargetHost host, Secret sudoPassword, StepListener listener) {
        return prepare(hostOnly(host), sudoPassword, listener);
    }

    /**
     * SSH_TESTING, OS_DETECTING, HOST_LOCKING, then the plugin's one-time PREPARING ({@code mesh remote
     * prepare}). The plugin sees the request's login server and preferences (null login server: none),
     * so what it prepares can be pinned to them (the Linux root helper's login server and preference flags).
     */
    public ProvisioningReport prepare(ProvisioningRequest request, Secret sudoPassword, StepListener listener) {
        return new ProvisioningRun(this, request, listener, Mode.PREPARE, sudoPassword, StopSignal.never()).execute();
    }

    private static ProvisioningRequest hostOnly(TargetHost host) {
        return new ProvisioningRequest(host, null, null, new ProvisioningOptions(false));
    }
}
