package dev.mesh.core.syncthing;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TargetHost;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.provision.HostConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Pairs the Syncthing of every host of a selection with every other's over the tailnet
 * ({@code mesh syncthing pair}, {@code mesh remote provision --pair-syncthing}), takes hosts out again
 * ({@code mesh syncthing unpair}, for {@code mesh remote remove}), or only reads each host's status.
 * One SSH connection per host, {@code parallel} hosts at a time, in three rounds: every host is asked
 * its device ID and tailnet address ({@link HostSession}); then every host's configuration is brought
 * to the plan ({@link DesiredPairing}, {@link PairingEditor}); then every host's status is read
 * ({@link StatusReader}). A host that fails is reported and left out; the others go on without it.
 */
public final class SyncthingPairingRun {
    /** How long a Syncthing that does not answer yet (a service just started) is waited for. */
    public static final Duration START_WAIT = Duration.ofSeconds(60);

    private final HostConnector connector;
    private final PluginRegistry plugins;
    private final Function<String, Object> pluginSettings;
    private final StepTimeouts timeouts;
    private final Duration detectTimeout;
    private final int parallel;
    private final Duration startWait;

    /**
     * One host of the run.
     *
     * @param name    its mesh name (inventory name, or HOST as typed): the device's name in Syncthing
     * @param target  where SSH reaches it
     * @param folders folder ID → path on this host: the folders it shares (none: devices only)
     */
    public record Host(String name, TargetHost target, Map<String, String> folders) {
        public Host {
            folders = Map.copyOf(folders);
        }
    }

    /** How a host's part of the run ended. */
    public enum Outcome {
        CHANGED, UNCHANGED, FAILED, SKIPPED;

        /** {@code changed}, {@code unchanged}, {@code failed}, {@code skipped}. */
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why a host failed (or, for a skipped host, why it was skipped).
     *
     * @param step   where: SSH, OS, PLUGIN, TAILSCALE, SYNCTHING, PAIRING or STATUS
     * @param reason the failure row
     * @param cause  what happened (host text: show through DisplayText)
     * @param hint   what to do
     */
    public record Failure(String step, FailureReason reason, String cause, String hint) {
    }

    /**
     * One host's result.
     *
     * @param changes what was changed on it, in order (empty: nothing)
     * @param status  its status after the run, when it could be read
     * @param failure why it failed or was skipped
     */
    public record HostReport(Host host, Outcome outcome, List<String> changes, Optional<SyncthingStatus> status,
                             Optional<Failure> failure, Duration elapsed) {
        public HostReport {
            changes = List.copyOf(changes);
        }
    }

    /** Tells the operator about each host while the run goes; called from the hosts' threads. */
    @FunctionalInterface
    public interface Listener {
        StepListener host(Host host);
    }

    public SyncthingPairingRun(HostConnector connector, PluginRegistry plugins, Function<String, Object> pluginSettings,
                               StepTimeouts timeouts, Duration detectTimeout, int parallel, Duration startWait) {
        this.connector = connector;
        this.plugins = plugins;
        this.pluginSettings = pluginSettings;
        this.timeouts = timeouts;
        this.detectTimeout = detectTimeout;
        this.parallel = Math.max(1, parallel);
        this.startWait = startWait;
    }

    /** A skipped host's report (e.g. skip-syncthing set), with why. */
    public static HostReport skipped(Host host, String why) {
        return new HostReport(host, Outcome.SKIPPED, List.of(), Optional.empty(),
                Optional.of(new Failure("SELECTION", FailureReason.SYNCTHING_PAIRING_FAILED, why, "")), Duration.ZERO);
    }

    /** Pairs every host with every other and shares each folder among the hosts that have it. Reports in {@code hosts}' order. */
    public List<HostReport> pair(List<Host> hosts, Listener listener) {
        List<HostSession> sessions = open(hosts, listener, true);
        try {
            List<HostSession> ready = ready(sessions);
            List<ReadyHost> all = ready.stream().map(HostSession::ready).toList();
            each(ready, s -> s.change(() -> s.editor().apply(DesiredPairing.of(s.ready(), all))));
            readStatus(sessions);
            return reports(sessions);
        } finally {
            sessions.forEach(HostSession::close);
        }
    }

    /**
     * Takes {@code removed} out of the pairing: every folder of every host in {@code peers} stops
     * sharing with them and forgets their devices; each reachable removed host forgets the peers the
     * same way. A removed host that cannot be reached (it may be gone) is skipped, and its device is
     * recognised on the peers by its name, as mesh named it when pairing. No host needs to be on the
     * tailnet: a host {@code mesh remote remove} has just logged out is asked its device ID all the same.
     */
    public List<HostReport> unpair(List<Host> removed, List<Host> peers, Listener listener) {
        List<Host> everyone = new ArrayList<>(removed);
        everyone.addAll(peers);
        List<HostSession> sessions = open(everyone, listener, false);
        try {
            List<HostSession> gone = sessions.subList(0, removed.size());
            List<HostSession> staying = sessions.subList(removed.size(), sessions.size());
            Set<String> goneIds = ids(gone);
            Set<String> goneNames = new HashSet<>();
            gone.stream().filter(s -> s.ready() == null).forEach(s -> {
                goneNames.add(s.host().name());
                s.skip("could not be reached, so its device is recognised on the other hosts by its name: "
                        + s.failure().map(Failure::cause).orElse(""));
            });
            Set<String> stayingIds = ids(staying);
            each(ready(staying), s -> s.change(() -> s.editor().remove(d -> goneIds.contains(String.valueOf(d.get("deviceID")))
                    || goneNames.contains(String.valueOf(d.get("name"))) && !stayingIds.contains(String.valueOf(d.get("deviceID"))),
                    s.ready().deviceId())));
            each(ready(gone), s -> s.change(() -> s.editor().remove(d -> stayingIds.contains(String.valueOf(d.get("deviceID"))),
                    s.ready().deviceId())));
            readStatus(sessions);
            return reports(sessions);
        } finally {
            sessions.forEach(HostSession::close);
        }
    }

    /** Reads each host's status only; changes nothing. */
    public List<HostReport> status(List<Host> hosts, Listener listener) {
        List<HostSession> sessions = open(hosts, listener, true);
        try {
            readStatus(sessions);
            return reports(sessions);
        } finally {
            sessions.forEach(HostSession::close);
        }
    }

    private List<HostSession> open(List<Host> hosts, Listener listener, boolean onTailnet) {
        List<HostSession> sessions = hosts.stream().map(h -> new HostSession(h, listener.host(h), connector, plugins,
                pluginSettings, timeouts, detectTimeout, startWait)).toList();
        each(sessions, s -> s.open(onTailnet));
        Map<String, String> first = new HashMap<>();
        for (HostSession s : ready(sessions)) {
            String other = first.putIfAbsent(s.ready().deviceId(), s.host().name());
            if (other != null) {
                s.fail("SYNCTHING", new StepFailedException(FailureReason.SYNCTHING_PAIRING_FAILED, "host " + other
                        + " has the same Syncthing device ID " + s.ready().deviceId(), "A copied Syncthing"
                        + " configuration (a cloned machine?) must get its own identity: move its cert.pem and"
                        + " key.pem away and restart Syncthing."));
            }
        }
        Map<String, String> names = new HashMap<>();
        ready(sessions).forEach(s -> names.put(s.ready().deviceId(), s.host().name()));
        sessions.forEach(s -> s.names(names));
        return sessions;
    }

    private void readStatus(List<HostSession> sessions) {
        each(ready(sessions), HostSession::readStatus);
    }

    private static List<HostSession> ready(List<HostSession> sessions) {
        return sessions.stream().filter(s -> s.ready() != null && s.failure().isEmpty()).toList();
    }

    private static Set<String> ids(List<HostSession> sessions) {
        Set<String> ids = new HashSet<>();
        ready(sessions).forEach(s -> ids.add(s.ready().deviceId()));
        return ids;
    }

    private static List<HostReport> reports(List<HostSession> sessions) {
        return sessions.stream().map(HostSession::report).toList();
    }

    /** Runs {@code action} for each session, {@code parallel} at a time, and waits for all. */
    private void each(List<HostSession> sessions, java.util.function.Consumer<HostSession> action) {
        if (sessions.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, sessions.size()), r -> {
            Thread t = new Thread(r, "mesh-syncthing");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (HostSession s : sessions) {
                futures.add(pool.submit(() -> action.accept(s)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a pairing worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
