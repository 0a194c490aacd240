package dev.mesh.core.remote;

import dev.mesh.api.Capability;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import dev.mesh.core.plugin.Capabilities;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.provision.HostConnection;
import dev.mesh.core.provision.HostConnector;
import dev.mesh.core.provision.OsDetection;
import dev.mesh.core.ssh.SshConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Visits many hosts in parallel for a command that joins nothing ({@code mesh remote status},
 * {@code mesh remote remove}): for each host, over its one SSH connection from the runtime's client,
 * SSH, OS detection ({@link OsDetection}), its plugin and a {@link RemoteContext}, then the command's
 * {@link Action}. {@code parallel} hosts at a time, in the order given; whatever a host's visit throws
 * is that host's {@link Failure}, so one host never stops the others.
 */
public final class RemoteHosts {
    private final HostConnector connector;
    private final PluginRegistry plugins;
    private final Function<String, Object> pluginSettings;
    private final StepTimeouts timeouts;
    private final Duration detectTimeout;
    private final int parallel;

    /** One host: its mesh name (inventory name, or HOST as typed) and where SSH reaches it. */
    public record Target(String name, TargetHost host) {
    }

    /**
     * Why a host's visit failed.
     *
     * @param step   SSH, OS, PLUGIN, or the action's own step (e.g. STATUS, REMOVE, HEADSCALE)
     * @param cause  what happened (host text: show through DisplayText)
     */
    public record Failure(String step, FailureReason reason, String cause, String hint) {
    }

    /** A host, connected and detected, with its plugin. */
    public record Opened(Target target, RemoteContext ctx, OsProvisioner provisioner, String plugin) {
        /**
         * The plugin's {@code type} capability.
         *
         * @throws StepFailedException {@code reason}, "plugin 'x' (jar) cannot …", when it lacks it
         */
        public <T extends Capability> T require(Class<T> type, FailureReason reason) {
            return provisioner.capability(type).orElseThrow(() -> new StepFailedException(reason, plugin + " cannot "
                    + Capabilities.describe(type), "Use a plugin that can (mesh plugins lists what each can do)."));
        }

        public <T extends Capability> Optional<T> capability(Class<T> type) {
            return provisioner.capability(type);
        }
    }

    /** What the command does on one opened host; runs on the host's worker thread. */
    @FunctionalInterface
    public interface Action<T> {
        T apply(Opened host);
    }

    /**
     * One host's visit.
     *
     * @param os      what detection found, when it got that far
     * @param result  the action's result, when it ended normally
     * @param failure why it did not
     */
    public record Visit<T>(Target target, Optional<DetectedOs> os, Optional<T> result, Optional<Failure> failure,
                           Duration elapsed) {
    }

    public RemoteHosts(HostConnector connector, PluginRegistry plugins, Function<String, Object> pluginSettings,
                       StepTimeouts timeouts, Duration detectTimeout, int parallel) {
        this.connector = connector;
        this.plugins = plugins;
        this.pluginSettings = pluginSettings;
        this.timeouts = timeouts;
        this.detectTimeout = detectTimeout;
        this.parallel = Math.max(1, parallel);
    }

    /**
     * Visits every target and returns one visit each, in {@code targets}' order.
     *
     * @param listeners   each host's progress listener
     * @param loginServer the run's login server, when configured
     * @param dryRun      plugins change nothing ({@code ctx.options().dryRun()})
     * @param step        the action's step name for failures, e.g. {@code STATUS}
     * @param reason      the failure row for anything unexpected the action throws
     */
    public <T> List<Visit<T>> each(List<Target> targets, Function<Target, StepListener> listeners,
                                   Optional<URI> loginServer, boolean dryRun, String step, FailureReason reason,
                                   Action<T> action) {
        if (targets.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, targets.size()), r -> {
            Thread t = new Thread(r, "mesh-remote");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Visit<T>>> futures = new ArrayList<>();
            for (Target target : targets) {
                futures.add(pool.submit(() -> visit(target, listeners.apply(target), loginServer, dryRun, step, reason, action)));
            }
            List<Visit<T>> visits = new ArrayList<>();
            for (Future<Visit<T>> f : futures) {
                visits.add(f.get());
            }
            return visits;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while visiting hosts", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a host's worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private <T> Visit<T> visit(Target target, StepListener listener, Optional<URI> loginServer, boolean dryRun,
                               String actionStep, FailureReason reason, Action<T> action) {
        long start = System.nanoTime();
        String step = "SSH";
        DetectedOs os = null;
        OsProvisioner provisioner = null;
        try (HostConnection connection = connector.connect(target.host())) {
            step = "OS";
            OsDetection detection = new OsDetection(plugins, detectTimeout);
            detection.shareShell(connection);
            os = detection.detect(connection);
            step = "PLUGIN";
            String family = os.family();
            provisioner = plugins.provisionerFor(family).orElseThrow(() -> new StepFailedException(
                    FailureReason.NO_PLUGIN, "no plugin provisions '" + family + "' hosts"));
            connection.shareShellOf(provisioner);
            RemoteContext ctx = new RemoteContext(target.host(), connection, os, timeouts, listener,
                    pluginSettings.apply(plugins.info(provisioner).id()), loginServer, dryRun);
            step = actionStep;
            T result = action.apply(new Opened(target, ctx, provisioner, plugins.describe(provisioner)));
            return new Visit<>(target, Optional.of(os), Optional.of(result), Optional.empty(), since(start));
        } catch (Throwable e) {
            Failure failure = failure(step, e, reason, provisioner == null ? "mesh" : plugins.describe(provisioner));
            listener.warn(failure.cause());
            return new Visit<>(target, Optional.ofNullable(os), Optional.empty(), Optional.of(failure), since(start));
        }
    }

    /** A failure row for what {@code e} says; the SSH layer's own hint for connection failures. */
    static Failure failure(String step, Throwable e, FailureReason reason, String who) {
        if (e instanceof StepFailedException s) {
            return new Failure(step, s.reason(), s.getMessage(), s.hint());
        }
        if (e instanceof TransportException t) {
            String hint = t instanceof SshConnectException ssh && !ssh.hint().isEmpty() ? ssh.hint()
                    : FailureReason.SSH_CONNECTION_FAILED.hint();
            String cause = step.equals("SSH") ? t.getMessage() : "the SSH connection failed during " + step + ": " + t.getMessage();
            return new Failure(step, FailureReason.SSH_CONNECTION_FAILED, cause, hint);
        }
        return new Failure(step, reason, who + " failed unexpectedly during " + step + ": " + e, reason.hint());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
