package dev.mesh.core.provision;

import dev.mesh.api.Capability;
import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostPreparation;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.MintedKey;
import dev.mesh.core.plugin.Capabilities;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.ssh.HostKeyChangedException;
import dev.mesh.core.ssh.SshConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The provisioning sequence as an explicit state machine:
 * <pre>
 * SSH_TESTING → OS_DETECTING → REGISTRY_CHECK → PREFLIGHT → KEY_GENERATING → INSTALLING → CONNECTING → VERIFYING
 *   → NODE_CONFIRMING → SYNCTHING → SUCCESS      (REGISTRY_CHECK → SUCCESS when Headscale already lists the host)
 *                                  │ (already joined) ──────────────────────────────────┘ (skips key, install, up)
 *                                                         (Tailscale present: skip INSTALLING)
 * CONNECTING → MANUAL_NEEDED when the plugin hands the last step to the operator;
 * {@code mesh remote prepare}: SSH_TESTING → OS_DETECTING → PREPARING → SUCCESS;
 * {@code mesh remote detect}: SSH_TESTING → OS_DETECTING → SUCCESS;
 * any state → EXIT_ERROR with the seed's error row, the cause and a hint.
 * </pre>
 * Each OS-specific state is one {@link OsProvisioner} method or {@link Capability}. One SSH
 * connection serves the whole run. Whatever a plugin throws, {@link Error}s included, ends only this
 * run, in the state's own failure row, naming the plugin and its jar: other hosts' runs go on.
 */
public final class ProvisioningSequence {
    /** What the seed runs to prove SSH works. */
    static final String SSH_TEST_COMMAND = "echo connected";

    private final HostConnector connector;
    private final PluginRegistry plugins;
    private final AuthKeySource keys;
    private final Function<String, Object> pluginSettings;
    private final StepTimeouts timeouts;
    private final Duration sshTestTimeout;
    private final Duration detectTimeout;
    private final NodeRegistry registry; // null: REGISTRY_CHECK and NODE_CONFIRMING are not visited

    /**
     * @param pluginSettings what each plugin's {@code validate} returned at start, by plugin id
     *                       ({@link PluginRegistry#validate})
     */
    public ProvisioningSequence(HostConnector connector, PluginRegistry plugins, AuthKeySource keys,
                                Function<String, Object> pluginSettings, StepTimeouts timeouts,
                                Duration sshTestTimeout, Duration detectTimeout) {
        this(connector, plugins, keys, pluginSettings, timeouts, sshTestTimeout, detectTimeout, null);
    }

    /** With Headscale's node list: skip hosts it already lists, confirm the ones that join. */
    public ProvisioningSequence(HostConnector connector, PluginRegistry plugins, AuthKeySource keys,
                                Function<String, Object> pluginSettings, StepTimeouts timeouts,
                                Duration sshTestTimeout, Duration detectTimeout, NodeRegistry registry) {
        this.registry = registry;
        this.connector = connector;
        this.plugins = plugins;
        this.keys = keys;
        this.pluginSettings = pluginSettings;
        this.timeouts = timeouts;
        this.sshTestTimeout = sshTestTimeout;
        this.detectTimeout = detectTimeout;
    }

    /** Which path through the states a run takes. */
    private enum Mode { PROVISION, DETECT, PREPARE }

    /** Runs the whole sequence for one host; never throws for a host-side or plugin failure. */
    public ProvisioningReport provision(ProvisioningRequest request, StepListener listener) {
        return provision(request, listener, StopSignal.never());
    }

    /**
     * As {@link #provision(ProvisioningRequest, StepListener)}; when {@code stop} is requested the
     * running remote command is ended and the run ends with {@link ProvisioningOutcome.Interrupted}.
     */
    public ProvisioningReport provision(ProvisioningRequest request, StepListener listener, StopSignal stop) {
        return new Run(request, listener, Mode.PROVISION, null, stop).execute();
    }

    /** Runs only SSH_TESTING and OS_DETECTING ({@code mesh remote detect}). */
    public ProvisioningReport detect(TargetHost host, StepListener listener) {
        return new Run(hostOnly(host), listener, Mode.DETECT, null, StopSignal.never()).execute();
    }

    /** SSH_TESTING, OS_DETECTING, then the plugin's one-time PREPARING ({@code mesh remote prepare}). */
    public ProvisioningReport prepare(TargetHost host, Secret sudoPassword, StepListener listener) {
        return new Run(hostOnly(host), listener, Mode.PREPARE, sudoPassword, StopSignal.never()).execute();
    }

    private static ProvisioningRequest hostOnly(TargetHost host) {
        return new ProvisioningRequest(host, null, null, new ProvisioningOptions(false));
    }

    /** The state of one run; each method handles one state and returns the next. */
    private final class Run {
        private final ProvisioningRequest request;
        private final Mode mode;
        private final Secret sudoPassword;
        private final SecretScrubber scrubber = new SecretScrubber();
        private final StepListener listener;
        private final List<ProvisioningState> path = new ArrayList<>();
        private final StopSignal stop;
        private volatile HostConnection connection;
        private MintedKey minted;
        private DetectedOs os;
        private OsProvisioner provisioner;
        private HostContext context;
        private Preflight preflight;
        private TailscaleStatus tailscale;
        private boolean changed;
        private ProvisioningOutcome outcome;

        Run(ProvisioningRequest request, StepListener listener, Mode mode, Secret sudoPassword, StopSignal stop) {
            this.request = request;
            this.stop = stop;
            this.listener = scrubber.wrap(listener);
            this.mode = mode;
            this.sudoPassword = sudoPassword;
            if (sudoPassword != null) {
                scrubber.add(sudoPassword);
            }
        }

        ProvisioningReport execute() {
            ProvisioningState state = ProvisioningState.SSH_TESTING;
            stop.onStop(() -> {
                if (connection instanceof dev.mesh.core.ssh.SshConnection ssh) {
                    ssh.stopCommands();
                }
            });
            try {
                while (!state.terminal()) {
                    if (stop.stopRequested()) {
                        outcome = new ProvisioningOutcome.Interrupted(state.name(), "stopped before " + state
                                + "; nothing of that step was started");
                        state = ProvisioningState.EXIT_ERROR;
                        break;
                    }
                    path.add(state);
                    listener.section(state.title());
                    state = attempt(state);
                }
                path.add(state);
                return new ProvisioningReport(outcome, path, Optional.ofNullable(os));
            } finally {
                releaseKey();
                close();
            }
        }

        /** Every run that minted a key gives it back ({@link AuthKeySource#release}), however it ended. */
        private void releaseKey() {
            if (minted == null) {
                return;
            }
            try {
                keys.release(minted);
            } catch (AuthKeyException | RuntimeException e) {
                listener.warn("Could not expire " + minted.describe() + ": " + e.getMessage());
            }
        }

        /** Runs one state; every way it can end becomes the next state. */
        private ProvisioningState attempt(ProvisioningState state) {
            ProvisioningState next = attemptOnce(state);
            if (next == ProvisioningState.EXIT_ERROR && stop.stopRequested()) {
                outcome = new ProvisioningOutcome.Interrupted(state.name(), "stopped during " + state
                        + "; the running command was ended on the host");
            }
            return next;
        }

        private ProvisioningState attemptOnce(ProvisioningState state) {
            try {
                return step(state);
            } catch (StepFailedException e) {
                return fail(state, e.reason(), e.getMessage(), e.hint());
            } catch (TransportException e) {
                FailureReason reason = e instanceof HostKeyChangedException
                        ? FailureReason.HOST_KEY_CHANGED : FailureReason.SSH_CONNECTION_FAILED;
                String cause = state == ProvisioningState.SSH_TESTING ? e.getMessage()
                        : "the SSH connection failed during " + state + ": " + e.getMessage();
                // each kind of SSH failure has its own hint, with the real user, host and port
                String hint = e instanceof SshConnectException ssh && !ssh.hint().isEmpty() ? ssh.hint() : reason.hint();
                return fail(state, reason, cause, hint);
            } catch (Throwable e) { // NoSuchMethodError, StackOverflowError, a plugin's bug: this run only
                String who = provisioner == null ? "mesh" : plugins.describe(provisioner);
                FailureReason reason = state.defaultFailure();
                return fail(state, reason, who + " failed unexpectedly in " + state + ": " + e, reason.hint());
            }
        }

        private void close() {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (RuntimeException e) {
                listener.warn("Could not close the SSH connection cleanly: " + e.getMessage());
            }
        }

        private ProvisioningState step(ProvisioningState state) {
            return switch (state) {
                case SSH_TESTING -> testSsh();
                case OS_DETECTING -> detectOs();
                case REGISTRY_CHECK -> checkRegistry();
                case PREFLIGHT -> preflight();
                case KEY_GENERATING -> generateKey();
                case INSTALLING -> install();
                case CONNECTING -> connect();
                case VERIFYING -> verify();
                case NODE_CONFIRMING -> confirmNode();
                case SYNCTHING -> syncthing();
                case PREPARING -> prepareHost();
                case SUCCESS, MANUAL_NEEDED, EXIT_ERROR -> throw new IllegalStateException("terminal state " + state);
            };
        }

        private ProvisioningState testSsh() {
            connection = connector.connect(request.host());
            CommandResult r = connection.run(SSH_TEST_COMMAND, sshTestTimeout);
            if (!r.succeeded() || !r.out().equals("connected")) {
                throw new StepFailedException(FailureReason.SSH_CONNECTION_FAILED,
                        "`" + SSH_TEST_COMMAND + "` answered exit " + r.exitCode() + ": " + r.combinedOutput());
            }
            listener.ok("Connected to " + request.host().display());
            return ProvisioningState.OS_DETECTING;
        }

        private ProvisioningState detectOs() {
            os = new OsDetection(plugins, detectTimeout).detect(connection);
            listener.ok("Detected " + os.describe());
            if (mode == Mode.DETECT) {
                outcome = new ProvisioningOutcome.Success("", false, false);
                return ProvisioningState.SUCCESS;
            }
            provisioner = plugins.provisionerFor(os.family()).orElseThrow(() -> new StepFailedException(
                    FailureReason.NO_PLUGIN, "no plugin provisions '" + os.family() + "' hosts; installed: "
                    + (plugins.families().isEmpty() ? "none" : String.join(", ", plugins.families()))));
            Object settings = pluginSettings.apply(plugins.info(provisioner).id());
            context = new HostContext(request, connection, os, timeouts, listener, settings, keys, scrubber);
            if (mode == Mode.PREPARE) {
                return ProvisioningState.PREPARING;
            }
            return registry == null ? ProvisioningState.PREFLIGHT : ProvisioningState.REGISTRY_CHECK;
        }

        /** "plugin 'x' (jar) cannot install Syncthing": what mesh says when a plugin lacks a capability. */
        private String lacks(Class<? extends Capability> type) {
            return plugins.describe(provisioner) + " cannot " + Capabilities.describe(type);
        }

        private ProvisioningState prepareHost() {
            HostPreparation preparation = provisioner.capability(HostPreparation.class).orElseThrow(() -> new StepFailedException(
                    FailureReason.PREPARE_FAILED, lacks(HostPreparation.class) + ": there is nothing to prepare on "
                    + os.family() + " hosts", "Provision the host directly with `mesh remote provision`."));
            boolean changed = preparation.prepare(context, sudoPassword);
            listener.ok(changed ? "Prepared " + request.host().display() : request.host().display() + " was already prepared");
            outcome = new ProvisioningOutcome.Success("", false, changed);
            return ProvisioningState.SUCCESS;
        }

        // ---- REGISTRY_CHECK and NODE_CONFIRMING (Headscale's node list; see NodeRegistry) ----

        private ProvisioningState checkRegistry() {
            if (request.force()) {
                listener.info("--force: provisioning even if Headscale already lists this host");
                return ProvisioningState.PREFLIGHT;
            }
            NodeRegistry.Lookup found = registry.registered(request.host(), connection, detectTimeout);
            String name = found.hostName().map(n -> "host name " + n).orElse("address " + request.host().address());
            if (found.node().isEmpty()) {
                listener.ok("Headscale lists no node for this host (" + name + ")");
                return ProvisioningState.PREFLIGHT;
            }
            HeadscaleNode node = found.node().get();
            listener.ok("Headscale already lists this host (" + name + ") as " + node.display() + ", " + node.ipv4()
                    + "; left as it is (use --force to provision it anyway)");
            outcome = new ProvisioningOutcome.Success(node.ipv4(), true, false);
            return ProvisioningState.SUCCESS;
        }

        private ProvisioningState confirmNode() {
            HeadscaleNode node = registry.confirm(tailscale.addresses());
            listener.ok("Headscale lists the node: " + node.display() + ", " + String.join(", ", node.ipAddresses())
                    + (node.online() ? ", online" : ""));
            return afterVerifying();
        }

        private ProvisioningState preflight() {
            preflight = provisioner.inspect(context);
            listener.info(preflight.summary());
            if (preflight.joined()) {
                listener.ok("Already connected to " + request.loginServer() + "; Tailscale left as it is");
                return ProvisioningState.VERIFYING;
            }
            return ProvisioningState.KEY_GENERATING;
        }

        private ProvisioningState generateKey() {
            try {
                minted = keys.mint(request.keyPolicy());
                context.authKey(minted.key());
            } catch (AuthKeyException e) {
                throw new StepFailedException(Failures.headscale(e, FailureReason.AUTH_KEY_FAILED), e.getMessage());
            }
            var p = request.keyPolicy();
            listener.ok("Auth key created for user " + p.user() + " (" + (p.reusable() ? "reusable" : "single-use")
                    + (p.ephemeral() ? ", ephemeral" : "") + ", expires in " + p.expiration().toHours() + "h)");
            return preflight.tailscaleInstalled() ? ProvisioningState.CONNECTING : ProvisioningState.INSTALLING;
        }

        private ProvisioningState install() {
            changed = true;
            provisioner.installTailscale(context);
            return ProvisioningState.CONNECTING;
        }

        private ProvisioningState connect() {
            changed = true;
            ConnectResult result = provisioner.connect(context);
            if (result.manualStepNeeded()) {
                outcome = new ProvisioningOutcome.ManualNeeded(scrubber.scrub(result.text()));
                return ProvisioningState.MANUAL_NEEDED;
            }
            return ProvisioningState.VERIFYING;
        }

        private ProvisioningState verify() {
            tailscale = provisioner.verify(context);
            if (!tailscale.running() || tailscale.addresses().isEmpty()) {
                throw new StepFailedException(FailureReason.VERIFY_FAILED, "BackendState is " + tailscale.backendState()
                        + (tailscale.addresses().isEmpty() ? ", no Tailscale address" : ""));
            }
            listener.ok("Tailscale address" + (tailscale.addresses().size() > 1 ? "es: " : ": ")
                    + String.join(", ", tailscale.addresses()));
            return registry == null ? afterVerifying() : ProvisioningState.NODE_CONFIRMING;
        }

        private ProvisioningState afterVerifying() {
            return request.options().skipSyncthing() ? done() : ProvisioningState.SYNCTHING;
        }

        private ProvisioningState syncthing() {
            Optional<SyncthingSupport> syncthing = provisioner.capability(SyncthingSupport.class);
            if (syncthing.isPresent()) {
                changed |= syncthing.get().installSyncthing(context);
            } else {
                listener.warn(lacks(SyncthingSupport.class) + "; skipped");
            }
            return done();
        }

        private ProvisioningState done() {
            if (request.options().skipSyncthing()) {
                listener.info("Syncthing skipped (--skip-syncthing)");
            }
            outcome = new ProvisioningOutcome.Success(tailscale.preferredAddress(), preflight.joined(), changed);
            return ProvisioningState.SUCCESS;
        }

        private ProvisioningState fail(ProvisioningState state, FailureReason reason, String cause, String hint) {
            outcome = new ProvisioningOutcome.Failed(state.name(), reason, scrubber.scrub(cause), scrubber.scrub(hint));
            return ProvisioningState.EXIT_ERROR;
        }
    }
}
