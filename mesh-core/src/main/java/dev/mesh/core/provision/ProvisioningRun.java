package dev.mesh.core.provision;

import dev.mesh.api.Capability;
import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostLocking;
import dev.mesh.api.HostPreparation;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.TransportException;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.plugin.Capabilities;
import dev.mesh.core.ssh.CommandStoppedException;
import dev.mesh.core.ssh.HostKeyChangedException;
import dev.mesh.core.ssh.SshConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One run of {@link ProvisioningSequence} for one host; each method handles one state and returns the
 * next. Whatever ends the run (success, failure, Ctrl-C), its end ({@link #finish}) removes what the
 * steps registered on the host, expires the run's key, releases the host lock and closes the
 * connection.
 */
final class ProvisioningRun {
    /** The longest a cleanup command may take once the operator asked to stop. */
    static final Duration CLEANUP_AFTER_STOP = Duration.ofSeconds(10);

    private final ProvisioningSequence sequence;
    private final ProvisioningRequest request;
    private final ProvisioningSequence.Mode mode;
    private final Secret sudoPassword;
    private final SecretScrubber scrubber = new SecretScrubber();
    private final StepListener listener;
    private final StopSignal stop;
    private final RunStopper stopper;
    private final RunKey key;
    private final List<ProvisioningState> path = new ArrayList<>();
    private volatile HostConnection connection; // the run's own, for cleanup; steps get checked
    private StoppableConnection checked;
    private HostLock lock;
    private DetectedOs os;
    private OsProvisioner provisioner;
    private HostContext context;
    private Preflight preflight;
    private TailscaleStatus tailscale;
    private boolean onTheMesh;
    private boolean changed;
    private ProvisioningOutcome outcome;

    ProvisioningRun(ProvisioningSequence sequence, ProvisioningRequest request, StepListener listener,
                    ProvisioningSequence.Mode mode, Secret sudoPassword, StopSignal stop) {
        this.sequence = sequence;
        this.request = request;
        this.listener = scrubber.wrap(listener);
        this.mode = mode;
        this.sudoPassword = sudoPassword;
        this.stop = stop;
        this.stopper = new RunStopper(stop, () -> connection);
        this.key = new RunKey(sequence.keys);
        if (sudoPassword != null) {
            scrubber.add(sudoPassword);
        }
    }

    ProvisioningReport execute() {
        stopper.start();
        try {
            ProvisioningState state = ProvisioningState.SSH_TESTING;
            while (!state.terminal()) {
                if (stop.stopRequested()) {
                    state = interrupted(path.isEmpty() ? state : path.get(path.size() - 1));
                    continue;
                }
                path.add(state);
                listener.section(state.title());
                state = attempt(state);
            }
            path.add(state);
        } finally {
            stopper.uninterruptibly(this::finish);
            stopper.end();
        }
        return new ProvisioningReport(outcome, path, Optional.ofNullable(os), key.leftValid());
    }

    /** Runs one state; every way it can end becomes the next state. What the state registered is removed after it. */
    private ProvisioningState attempt(ProvisioningState state) {
        try {
            return step(state);
        } catch (Throwable e) { // NoSuchMethodError, StackOverflowError, a plugin's bug: this run only
            return stop.stopRequested() ? interrupted(state) : failed(state, e);
        } finally {
            stopper.uninterruptibly(this::cleanUp);
        }
    }

    private ProvisioningState step(ProvisioningState state) {
        return switch (state) {
            case SSH_TESTING -> testSsh();
            case OS_DETECTING -> detectOs();
            case HOST_LOCKING -> lockHost();
            case PREFLIGHT -> preflight();
            case REGISTRY_CHECK -> checkRegistry();
            case KEY_GENERATING -> generateKey();
            case INSTALLING -> install();
            case CONNECTING -> connect();
            case VERIFYING -> verify();
            case NODE_CONFIRMING -> confirmNode();
            case SYNCTHING -> syncthing();
            case PREPARING -> prepareHost();
            case SUCCESS, MANUAL_NEEDED, PLANNED, INTERRUPTED, EXIT_ERROR ->
                    throw new IllegalStateException("terminal state " + state);
        };
    }

    // ---- SSH_TESTING, OS_DETECTING, HOST_LOCKING, PREPARING ----

    private ProvisioningState testSsh() {
        connection = sequence.connector.connect(request.host());
        checked = new StoppableConnection(connection, stop);
        detection().shareShell(checked);
        CommandResult r = checked.probe(ProvisioningSequence.SSH_TEST_COMMAND, sequence.sshTestTimeout);
        if (!r.succeeded() || !r.out().equals("connected")) {
            throw new StepFailedException(FailureReason.SSH_CONNECTION_FAILED,
                    "`" + ProvisioningSequence.SSH_TEST_COMMAND + "` answered exit " + r.exitCode() + ": "
                            + r.combinedOutput());
        }
        listener.ok("Connected to " + request.host().display());
        return ProvisioningState.OS_DETECTING;
    }

    private ProvisioningState detectOs() {
        os = detection().detect(checked);
        listener.ok("Detected " + os.describe());
        if (mode == ProvisioningSequence.Mode.DETECT) {
            outcome = new ProvisioningOutcome.Success("", false, false);
            return ProvisioningState.SUCCESS;
        }
        provisioner = sequence.plugins.provisionerFor(os.family()).orElseThrow(() -> new StepFailedException(
                FailureReason.NO_PLUGIN, "no plugin provisions '" + os.family() + "' hosts; installed: "
                + (sequence.plugins.families().isEmpty() ? "none" : String.join(", ", sequence.plugins.families()))));
        checked.shareShellOf(provisioner);
        Object settings = sequence.pluginSettings.apply(sequence.plugins.info(provisioner).id());
        context = new HostContext(request, checked, os, sequence.timeouts, listener, settings, sequence.keys, scrubber);
        // a dry run changes nothing, not even a lock file
        return dryRun() ? ProvisioningState.PREFLIGHT : ProvisioningState.HOST_LOCKING;
    }

    private OsDetection detection() {
        return new OsDetection(sequence.plugins, sequence.detectTimeout);
    }

    private ProvisioningState lockHost() {
        ProvisioningState next = mode == ProvisioningSequence.Mode.PREPARE
                ? ProvisioningState.PREPARING : ProvisioningState.PREFLIGHT;
        Optional<HostLocking> locking = provisioner.capability(HostLocking.class);
        if (locking.isEmpty()) {
            listener.warn(lacks(HostLocking.class) + "; another mesh run on this host at the same time is not prevented");
            return next;
        }
        String command = locking.get().lockCommand(context, sequence.hostLockWait);
        try {
            lock = HostLock.take(command, checked, sequence.hostLockWait, listener, request.host().display()).orElse(null);
        } catch (UnsupportedOperationException e) { // a connection that cannot keep a command's input open
            listener.warn("Cannot hold a lock on " + request.host().display() + " over this connection; another mesh"
                    + " run on this host at the same time is not prevented");
        }
        return next;
    }

    /** "plugin 'x' (jar) cannot install Syncthing": what mesh says when a plugin lacks a capability. */
    private String lacks(Class<? extends Capability> type) {
        return sequence.plugins.describe(provisioner) + " cannot " + Capabilities.describe(type);
    }

    private ProvisioningState prepareHost() {
        HostPreparation preparation = provisioner.capability(HostPreparation.class).orElseThrow(() -> new StepFailedException(
                FailureReason.PREPARE_FAILED, lacks(HostPreparation.class) + ": there is nothing to prepare on "
                + os.family() + " hosts", "Provision the host directly with `mesh remote provision`."));
        boolean prepared = preparation.prepare(context, sudoPassword);
        listener.ok(prepared ? "Prepared " + request.host().display() : request.host().display() + " was already prepared");
        outcome = new ProvisioningOutcome.Success("", false, prepared);
        return ProvisioningState.SUCCESS;
    }

    // ---- PREFLIGHT and REGISTRY_CHECK: what the host says, and whether Headscale backs it ----

    private ProvisioningState preflight() {
        preflight = provisioner.inspect(context);
        changed |= !dryRun() && preflight.changed(); // tailscaled started, client upgraded, preferences set
        listener.info(preflight.summary());
        if (request.force()) {
            listener.info("--force: joining the host again, whatever it and Headscale say");
            return dryRun() ? planned() : ProvisioningState.KEY_GENERATING;
        }
        if (sequence.registry != null) {
            return ProvisioningState.REGISTRY_CHECK;
        }
        if (preflight.joined()) { // no node list to check it against: the host's word is all there is
            listener.ok("Already connected to " + request.loginServer() + leftAsItIs());
            onTheMesh = true;
            return dryRun() ? planned() : ProvisioningState.VERIFYING;
        }
        return dryRun() ? planned() : ProvisioningState.KEY_GENERATING;
    }

    private ProvisioningState checkRegistry() {
        Optional<String> name = NodeRegistry.hostName(request.host(), checked, sequence.detectTimeout);
        boolean joined = preflight.joined() && readJoinedStatus();
        NodeRegistry.Verdict verdict = sequence.registry.check(request.host(), new NodeRegistry.HostView(name, joined,
                joined ? tailscale.addresses() : List.of(), preflight.summary()));
        verdict.notes().forEach(listener::warn);
        if (verdict.node().isPresent()) {
            HeadscaleNode node = verdict.node().get();
            listener.ok("On the mesh: Running on " + request.loginServer() + " as " + String.join(", ", tailscale.addresses())
                    + ", and Headscale lists it as " + node.display() + (node.online() ? ", online" : "")
                    + leftAsItIs());
            onTheMesh = true;
            return dryRun() ? planned() : afterVerifying();
        }
        if (verdict.notes().isEmpty()) {
            listener.ok("Headscale lists no node for this host ("
                    + name.map(n -> "host name " + n).orElse("address " + request.host().address()) + ")");
        }
        listener.info(joined ? "Provisioning the host again: Headscale does not back its login"
                : "Provisioning the host: it is not on the mesh");
        return dryRun() ? planned() : ProvisioningState.KEY_GENERATING;
    }

    /** "; Tailscale left as it is", unless PREFLIGHT changed something (it said what). */
    private String leftAsItIs() {
        return preflight.changed() ? "" : "; Tailscale left as it is";
    }

    /** What a host that says it is joined reports (Running, its addresses); false when it cannot say after all. */
    private boolean readJoinedStatus() {
        try {
            tailscale = provisioner.verify(context);
            return tailscale.running() && !tailscale.addresses().isEmpty();
        } catch (StepFailedException e) {
            listener.warn("The host said it was joined, but then: " + e.getMessage());
            return false;
        }
    }

    private ProvisioningState planned() {
        Optional<String> syncthingLacked = provisioner.capability(SyncthingSupport.class).isPresent() ? Optional.empty()
                : Optional.of("Syncthing: " + lacks(SyncthingSupport.class) + "; skipped");
        outcome = new ProvisioningOutcome.Planned(DryRunPlan.actions(request, sequence.timeouts, preflight, onTheMesh,
                sequence.registry != null, syncthingLacked));
        listener.ok("Dry run: nothing was changed on the host and no key was minted");
        return ProvisioningState.PLANNED;
    }

    private boolean dryRun() {
        return request.options() != null && request.options().dryRun();
    }

    // ---- KEY_GENERATING, INSTALLING, CONNECTING, VERIFYING, NODE_CONFIRMING, SYNCTHING ----

    private ProvisioningState generateKey() {
        // a key being minted is never abandoned half-way: a stop is seen once the mint returned
        stopper.uninterruptibly(() -> {
            if (!stop.stopRequested()) {
                context.authKey(key.mint(request.keyPolicy()).key());
            }
        });
        if (stop.stopRequested()) {
            throw new CommandStoppedException("mesh was stopped at KEY_GENERATING");
        }
        KeyPolicy p = request.keyPolicy();
        listener.ok("Auth key created for user " + p.user() + " (" + (p.reusable() ? "reusable" : "single-use")
                + (p.ephemeral() ? ", ephemeral" : "") + ", expires in " + p.expiration().toHours()
                + "h; mesh expires it when this run ends)");
        return preflight.tailscaleInstalled() ? ProvisioningState.CONNECTING : ProvisioningState.INSTALLING;
    }

    private ProvisioningState install() {
        changed = true;
        provisioner.installTailscale(context);
        return ProvisioningState.CONNECTING;
    }

    private ProvisioningState connect() {
        changed = true;
        ConnectResult result;
        try {
            result = provisioner.connect(context);
        } finally {
            if (!stop.stopRequested()) { // after a stop, finish() releases it, with the interrupt cleared
                key.release(listener); // `up` is over: the key has done its job
            }
        }
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
        return sequence.registry == null ? afterVerifying() : ProvisioningState.NODE_CONFIRMING;
    }

    private ProvisioningState confirmNode() {
        HeadscaleNode node = sequence.registry.confirm(tailscale.addresses());
        listener.ok("Headscale lists the node: " + node.display() + ", " + String.join(", ", node.ipAddresses())
                + (node.online() ? ", online" : ""));
        return afterVerifying();
    }

    /** SYNCTHING whenever this run asks for it, also on a host that was already on the mesh. */
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
        outcome = new ProvisioningOutcome.Success(tailscale.preferredAddress(), onTheMesh, changed);
        return ProvisioningState.SUCCESS;
    }

    // ---- how a run ends: failure, interruption, and the cleanup every end shares ----

    private ProvisioningState failed(ProvisioningState state, Throwable e) {
        if (e instanceof StepFailedException s) {
            return fail(state, s.reason(), s.getMessage(), s.hint());
        }
        if (e instanceof TransportException t) {
            FailureReason reason = t instanceof HostKeyChangedException
                    ? FailureReason.HOST_KEY_CHANGED : FailureReason.SSH_CONNECTION_FAILED;
            String cause = state == ProvisioningState.SSH_TESTING ? t.getMessage()
                    : "the SSH connection failed during " + state + ": " + t.getMessage();
            // each kind of SSH failure has its own hint, with the real user, host and port
            String hint = t instanceof SshConnectException ssh && !ssh.hint().isEmpty() ? ssh.hint() : reason.hint();
            return fail(state, reason, cause, hint);
        }
        String who = provisioner == null ? "mesh" : sequence.plugins.describe(provisioner);
        FailureReason reason = state.defaultFailure();
        return fail(state, reason, who + " failed unexpectedly in " + state + ": " + e, reason.hint());
    }

    private ProvisioningState fail(ProvisioningState state, FailureReason reason, String cause, String hint) {
        outcome = new ProvisioningOutcome.Failed(state.name(), reason, scrubber.scrub(cause), scrubber.scrub(hint));
        return ProvisioningState.EXIT_ERROR;
    }

    private ProvisioningState interrupted(ProvisioningState state) {
        boolean joined = onTheMesh || tailscale != null;
        outcome = new ProvisioningOutcome.Interrupted(state.name(), StoppedHost.describe(state, joined));
        return ProvisioningState.INTERRUPTED;
    }

    /** Every end of the run: leftovers removed, the key expired, the lock released, the connection closed. */
    private void finish() {
        cleanUp();
        key.release(listener);
        if (lock != null) {
            lock.close();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                listener.warn("Could not close the SSH connection cleanly: " + e.getMessage());
            }
        }
    }

    /** Removes what the last state registered ({@link HostContext#registerCleanup}), on the run's own connection. */
    private void cleanUp() {
        if (context == null) {
            return;
        }
        Duration limit = stop.stopRequested() && sequence.timeouts.command().compareTo(CLEANUP_AFTER_STOP) > 0
                ? CLEANUP_AFTER_STOP : sequence.timeouts.command();
        for (HostContext.Cleanup c : context.takeCleanups()) {
            String problem;
            try {
                CommandResult r = connection.run(c.command(), limit);
                if (r.succeeded()) {
                    continue;
                }
                problem = r.combinedOutput().strip();
            } catch (RuntimeException e) {
                problem = e.getMessage();
            }
            listener.warn("Could not delete " + c.what() + " on the host (" + problem + "); delete it by hand");
        }
    }
}
