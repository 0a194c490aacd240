package dev.mesh.core.syncthing;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.TransportException;
import dev.mesh.core.plugin.Capabilities;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.provision.HostConnection;
import dev.mesh.core.provision.HostConnector;
import dev.mesh.core.provision.OsDetection;
import dev.mesh.core.ssh.SshConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One host during a pairing run, over its one SSH connection: opened ({@link #open}: SSH, OS
 * detection, the plugin's {@link SyncthingPairing}, the tailnet address from the plugin's
 * {@code verify}, Syncthing's {@code myID} and version), then changed and read. Every step catches
 * whatever it throws and records it as this host's failure, so one host never stops the others.
 */
final class HostSession implements AutoCloseable {
    private final SyncthingPairingRun.Host host;
    private final StepListener listener;
    private final HostConnector connector;
    private final PluginRegistry plugins;
    private final Function<String, Object> pluginSettings;
    private final StepTimeouts timeouts;
    private final Duration detectTimeout;
    private final Duration startWait;
    private final long start = System.nanoTime();
    private final List<String> changes = new ArrayList<>();
    private volatile HostConnection connection;
    private OsProvisioner provisioner;
    private SyncthingApi api;
    private ReadyHost ready;
    private Map<String, String> names = Map.of();
    private SyncthingStatus status;
    private SyncthingPairingRun.Failure failure;
    private boolean skipped;
    private long end;

    HostSession(SyncthingPairingRun.Host host, StepListener listener, HostConnector connector, PluginRegistry plugins,
                Function<String, Object> pluginSettings, StepTimeouts timeouts, Duration detectTimeout, Duration startWait) {
        this.host = host;
        this.listener = listener;
        this.connector = connector;
        this.plugins = plugins;
        this.pluginSettings = pluginSettings;
        this.timeouts = timeouts;
        this.detectTimeout = detectTimeout;
        this.startWait = startWait;
    }

    SyncthingPairingRun.Host host() {
        return host;
    }

    /** What pairing knows about the host once it answered; null before, or when it could not be opened. */
    ReadyHost ready() {
        return ready;
    }

    Optional<SyncthingPairingRun.Failure> failure() {
        return Optional.ofNullable(failure);
    }

    void names(Map<String, String> names) {
        this.names = names;
    }

    PairingEditor editor() {
        return new PairingEditor(api, listener);
    }

    /**
     * Connects and asks the host's Syncthing its device ID and version.
     *
     * @param onTailnet whether the host must be on the tailnet (pairing dials it there); without it
     *                  (taking hosts out of the pairing) a host whose Tailscale is not Running, such as
     *                  one {@code mesh remote remove} just logged out, is asked all the same
     */
    void open(boolean onTailnet) {
        String step = "SSH";
        try {
            connection = connector.connect(host.target());
            step = "OS";
            OsDetection detection = new OsDetection(plugins, detectTimeout);
            detection.shareShell(connection);
            DetectedOs os = detection.detect(connection);
            step = "PLUGIN";
            provisioner = plugins.provisionerFor(os.family()).orElseThrow(() -> new StepFailedException(
                    FailureReason.NO_PLUGIN, "no plugin provisions '" + os.family() + "' hosts"));
            connection.shareShellOf(provisioner);
            SyncthingPairing pairing = provisioner.capability(SyncthingPairing.class).orElseThrow(() ->
                    new StepFailedException(FailureReason.SYNCTHING_PAIRING_FAILED, plugins.describe(provisioner)
                            + " cannot " + Capabilities.describe(SyncthingPairing.class),
                            "Pair this host's Syncthing by hand, or use a plugin that can (mesh plugins lists what each can do)."));
            dev.mesh.core.remote.RemoteContext ctx = new dev.mesh.core.remote.RemoteContext(host.target(), connection, os, timeouts, listener,
                    pluginSettings.apply(plugins.info(provisioner).id()));
            step = "TAILSCALE";
            List<String> tailnet = tailnet(ctx, onTailnet);
            step = "SYNCTHING";
            api = new SyncthingApi(pairing, ctx);
            String id = SyncthingApi.deviceId(api.awaitStatus(startWait));
            ready = new ReadyHost(host.name(), id, api.version(), tailnet, host.folders());
            listener.ok("Syncthing " + ready.version() + ", device " + id
                    + (tailnet.isEmpty() ? "" : ", on the tailnet at " + String.join(", ", tailnet)));
        } catch (Throwable e) {
            fail(step, e);
        }
    }

    /** The host's tailnet addresses from its plugin's {@code verify}; none when it is off the tailnet and need not be on it. */
    private List<String> tailnet(dev.mesh.core.remote.RemoteContext ctx, boolean required) {
        try {
            return provisioner.verify(ctx).addresses();
        } catch (StepFailedException e) {
            if (required) {
                throw e;
            }
            listener.info("not on the tailnet (" + e.getMessage().lines().findFirst().orElse("") + "); its Syncthing is asked all the same");
            return List.of();
        }
    }

    /** Runs one change round; what it changed is kept for the report. */
    void change(Supplier<List<String>> round) {
        try {
            changes.addAll(round.get());
        } catch (Throwable e) {
            fail("PAIRING", e);
        }
    }

    void readStatus() {
        try {
            status = StatusReader.read(api, ready, names);
        } catch (Throwable e) {
            fail("STATUS", e);
        }
    }

    void fail(String step, Throwable e) {
        if (failure != null) {
            return;
        }
        end = System.nanoTime();
        if (e instanceof StepFailedException s) {
            failure = new SyncthingPairingRun.Failure(step, s.reason(), s.getMessage(), s.hint());
        } else if (e instanceof TransportException t) {
            String hint = t instanceof SshConnectException ssh && !ssh.hint().isEmpty() ? ssh.hint()
                    : FailureReason.SSH_CONNECTION_FAILED.hint();
            failure = new SyncthingPairingRun.Failure(step, FailureReason.SSH_CONNECTION_FAILED,
                    step.equals("SSH") ? t.getMessage() : "the SSH connection failed during " + step + ": " + t.getMessage(), hint);
        } else {
            String who = provisioner == null ? "mesh" : plugins.describe(provisioner);
            failure = new SyncthingPairingRun.Failure(step, FailureReason.SYNCTHING_PAIRING_FAILED,
                    who + " failed unexpectedly during " + step + ": " + e, FailureReason.SYNCTHING_PAIRING_FAILED.hint());
        }
        listener.warn(failure.cause());
    }

    /** Marks the host skipped (a removed host that cannot be reached), with why. */
    void skip(String why) {
        skipped = true;
        Optional<SyncthingPairingRun.Failure> f = failure();
        failure = new SyncthingPairingRun.Failure(f.map(SyncthingPairingRun.Failure::step).orElse("SSH"),
                f.map(SyncthingPairingRun.Failure::reason).orElse(FailureReason.SSH_CONNECTION_FAILED), why, "");
    }

    SyncthingPairingRun.HostReport report() {
        SyncthingPairingRun.Outcome outcome = skipped ? SyncthingPairingRun.Outcome.SKIPPED
                : failure != null ? SyncthingPairingRun.Outcome.FAILED
                : changes.isEmpty() ? SyncthingPairingRun.Outcome.UNCHANGED : SyncthingPairingRun.Outcome.CHANGED;
        long stop = end == 0 ? System.nanoTime() : end;
        return new SyncthingPairingRun.HostReport(host, outcome, changes, Optional.ofNullable(status),
                Optional.ofNullable(failure), Duration.ofNanos(stop - start));
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                listener.warn("Could not close the SSH connection cleanly: " + e.getMessage());
            }
        }
    }
}
