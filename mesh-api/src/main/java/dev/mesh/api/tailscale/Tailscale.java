package dev.mesh.api.tailscale;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Tailscale steps every OS shares, over one host's {@link TailscaleCli} and {@link TailscaleHost}:
 * make the node ready for {@code up} (tailscaled answering, a client Headscale accepts), decide
 * whether it is joined, bring a joined node's preferences to the wanted ones with {@code tailscale
 * set}, run {@code up} with the key on standard input keeping what the node has, accept subnet routes
 * only after looking at them, verify. Everything a host prints passes through
 * {@link ProvisioningContext#redact} before it reaches a message.
 *
 * <pre>
 * Tailscale tailscale = Tailscale.on(ctx, myCli, myHost);
 * Preflight found = tailscale.preflight("Tailscale");   // PREFLIGHT, once the CLI is known to be there
 * tailscale.connect(List.of());                          // CONNECTING
 * TailscaleStatus status = tailscale.verify();            // VERIFYING
 * </pre>
 */
public final class Tailscale {
    /** Extra time over {@code up --timeout} before the remote command is abandoned. */
    public static final Duration UP_MARGIN = Duration.ofSeconds(30);
    /**
     * How the CLI's message starts when tailscaled does not answer, on every OS (cmd/tailscale/cli/diag.go,
     * fixTailscaledConnectErrorImpl: "... local tailscaled; it doesn't appear to be running" on Linux,
     * "... local tailscaled process; is the Tailscale service running?" on Windows, "... local Tailscale
     * service; is Tailscale running?" on macOS).
     */
    private static final String DAEMON_DOWN = "failed to connect to local ";
    /** The start of the up checker's refusal (cmd/tailscale/cli/up.go, accidentalUpPrefix). */
    private static final String UP_CHECKER = "requires mentioning all";

    private final ProvisioningContext ctx;
    private final TailscaleCli cli;
    private final TailscaleHost host;
    /** Set by {@link #upArguments}: routes are accepted after {@code up}, once looked at. */
    private boolean acceptRoutesAfterUp;

    private Tailscale(ProvisioningContext ctx, TailscaleCli cli, TailscaleHost host) {
        this.ctx = ctx;
        this.cli = cli;
        this.host = host;
    }

    /** Over a host that cannot start tailscaled, upgrade the client or tell its connection (SPI 2.0). */
    public static Tailscale on(ProvisioningContext ctx, TailscaleCli cli) {
        return new Tailscale(ctx, cli, TailscaleHost.NONE);
    }

    /** Over {@code cli}, with what the OS does around it (SPI 2.1). */
    public static Tailscale on(ProvisioningContext ctx, TailscaleCli cli, TailscaleHost host) {
        return new Tailscale(ctx, cli, host);
    }

    // ---- reading the node ----------------------------------------------------------------------

    /** The first line of {@code tailscale version} (works without tailscaled), or {@code (unknown version)}. */
    public String version() {
        return clientVersion().map(TailscaleVersion::toString).orElseGet(() -> {
            CommandResult r = probe(TailscaleArguments.VERSION);
            String first = r.out().lines().findFirst().orElse("").strip();
            return r.succeeded() && !first.isEmpty() ? ctx.redact(first) : "(unknown version)";
        });
    }

    /** The client's release from {@code tailscale version}, empty when it cannot be read. */
    public Optional<TailscaleVersion> clientVersion() {
        CommandResult r = probe(TailscaleArguments.VERSION);
        return r.succeeded() ? TailscaleVersion.parse(r.stdout()) : Optional.empty();
    }

    /** {@code tailscale status --json}; {@link TailscaleStatus#unreadable} when it gives no JSON. */
    public TailscaleStatus status() {
        CommandResult r = probe(TailscaleArguments.STATUS);
        try {
            return TailscaleStatus.fromJson(ctx.parseJsonObject(r.stdout()));
        } catch (IllegalArgumentException notJson) {
            return TailscaleStatus.unreadable(ctx.redact(r.combinedOutput()));
        }
    }

    /** {@code ControlURL} from {@code tailscale debug prefs}, empty when it cannot be read. */
    public Optional<String> controlUrl() {
        return preferences(TailscaleStatus.of("NoState", List.of())).flatMap(NodePreferences::controlUrl);
    }

    /**
     * The node's preferences ({@code tailscale debug prefs}), empty when they cannot be read (not a
     * stable interface, so read best effort).
     *
     * @param status the node's status, for the address of an exit node named by id
     */
    public Optional<NodePreferences> preferences(TailscaleStatus status) {
        CommandResult r = probe(TailscaleArguments.PREFS);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        try {
            Optional<String> exit = status.exitNodeAddress().isEmpty() ? Optional.empty() : Optional.of(status.exitNodeAddress());
            return Optional.of(NodePreferences.fromJson(ctx.parseJsonObject(r.stdout()), family(), exit));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /**
     * What the CLI says about the node, read-only ({@code mesh remote status}): version, status and
     * preferences; tailscaled is never started. For a host where the CLI is installed.
     */
    public TailscaleReport report() {
        TailscaleStatus status = status();
        Optional<NodePreferences> prefs = status.problem().isEmpty() ? preferences(status) : Optional.empty();
        String version = version();
        return TailscaleReport.installed(version.equals("(unknown version)") ? "" : version, status, prefs);
    }

    // ---- leaving the mesh ------------------------------------------------------------------------

    /**
     * Logs the node out ({@code tailscale logout}: the network goes down and the node key expires), for
     * {@code mesh remote remove}. Nothing is done for a node that is logged out already, and a node
     * logged in to another control server than this run's login server is left alone (it belongs to
     * another tailnet). In a dry run nothing runs; the operator is told what would.
     *
     * @param before the node as {@link #report()} read it
     * @return {@code tailscale logout} when it ran (or would run), empty when nothing needed doing
     * @throws StepFailedException REMOVE_FAILED when tailscaled does not answer or {@code logout} fails
     */
    public Optional<String> logout(TailscaleReport before) {
        if (!before.installed()) {
            return Optional.empty();
        }
        if (!before.daemonRunning()) {
            throw new StepFailedException(FailureReason.REMOVE_FAILED, ctx.redact("tailscaled does not answer, so the"
                    + " node cannot be logged out: " + before.status().problem()),
                    "Start tailscaled on the host and run mesh remote remove again (or delete the node in Headscale by hand).");
        }
        if (!before.loggedIn()) {
            ctx.listener().ok("Tailscale is logged out already (" + before.status().backendState() + ")");
            return Optional.empty();
        }
        if (ControlServers.compare(before.controlUrl(), ctx.loginServer()) == ControlServers.Match.OTHER) {
            ctx.listener().warn("Tailscale is logged in to another login server (" + ctx.redact(before.controlUrl().orElseThrow())
                    + "), not " + ctx.loginServer() + ": left logged in");
            return Optional.empty();
        }
        String what = "tailscale logout";
        if (ctx.options().dryRun()) {
            ctx.listener().info("A real run would run " + what + " (BackendState " + before.status().backendState() + ")");
            return Optional.of(what);
        }
        CommandResult r = run(TailscaleArguments.LOGOUT);
        TailscaleStatus after = status();
        if (!r.succeeded() || after.running()) {
            throw new StepFailedException(FailureReason.REMOVE_FAILED, ctx.redact(what + " failed (exit " + r.exitCode()
                    + ", BackendState now " + after.backendState() + "):\n" + r.tail()));
        }
        ctx.listener().ok("Logged out of " + ctx.loginServer() + " (" + what + "; BackendState " + after.backendState() + ")");
        return Optional.of(what);
    }

    /**
     * {@code mesh remote remove}'s Tailscale part: {@link #logout}, then with {@code uninstall} the client
     * removed as {@code how} says (in a dry run only named), else left installed.
     *
     * @return what was changed (or would be) and what stays
     */
    public dev.mesh.api.RemovalReport leave(boolean uninstall, ClientUninstall how) {
        TailscaleReport before = report();
        List<String> changes = new ArrayList<>();
        List<String> left = new ArrayList<>();
        logout(before).ifPresent(changes::add);
        String client = "Tailscale" + (before.version().isEmpty() ? "" : " " + before.version());
        Optional<String> method = uninstall ? how.method() : Optional.empty();
        if (!uninstall) {
            left.add(client + " stays installed, logged out (--uninstall removes it)");
        } else if (method.isEmpty()) {
            left.add(client + ": installed by no package manager mesh knows; remove it by hand");
        } else if (ctx.options().dryRun()) {
            ctx.listener().info("A real run would remove Tailscale (" + method.get() + ")");
            changes.add(method.get());
        } else {
            how.run();
            ctx.listener().ok("Removed Tailscale (" + method.get() + ")");
            changes.add(method.get());
        }
        return dev.mesh.api.RemovalReport.of(changes, left);
    }

    // ---- PREFLIGHT -------------------------------------------------------------------------------

    /**
     * PREFLIGHT for a host where the CLI is installed: tailscaled answers (else it is started, {@link
     * TailscaleHost#startDaemon}); the client is one this run's Headscale accepts (else it is upgraded,
     * {@link TailscaleHost#upgradeClient}); then joined when tailscaled is Running with an address on
     * this run's login server, whose differing preferences are set ({@code tailscale set}). A node whose
     * control URL cannot be read is trusted to be joined (and the operator told so). In a dry run
     * nothing is started, upgraded or set; the operator is told what would be.
     *
     * @param product what is installed, for the summary, e.g. {@code Tailscale} or {@code Tailscale app}
     * @throws StepFailedException TAILSCALED_NOT_RUNNING, TAILSCALE_TOO_OLD or PREFERENCES_FAILED, each naming the cause
     */
    public Preflight preflight(String product) {
        List<String> changes = new ArrayList<>();
        TailscaleStatus status = daemonAnswering(changes);
        String installed = product + " " + clientReady(changes) + " installed";
        if (!status.problem().isEmpty()) {
            return Preflight.installed(installed + ", tailscaled not answering ("
                    + status.problem().lines().findFirst().orElse("") + ")").withChanges(changes);
        }
        if ("InUseOtherUser".equals(status.backendState())) {
            ctx.listener().warn("Tailscale on " + ctx.host().address() + " is in use by another user of the machine;"
                    + " joining as " + ctx.host().user() + " may fail until that user quits Tailscale");
        }
        if (!status.running()) {
            return Preflight.installed(installed + ", " + status.backendState()).withChanges(changes);
        }
        if (status.addresses().isEmpty()) {
            return Preflight.installed(installed + ", Running without a Tailscale address").withChanges(changes);
        }
        Optional<NodePreferences> prefs = preferences(status);
        Optional<String> control = prefs.flatMap(NodePreferences::controlUrl);
        return switch (ControlServers.compare(control, ctx.loginServer())) {
            case SAME -> {
                applyPreferences(prefs, changes);
                yield Preflight.joined(installed + ", Running on " + ctx.loginServer() + " (joined)").withChanges(changes);
            }
            case OTHER -> Preflight.installed(installed + ", Running on another login server ("
                    + ctx.redact(control.orElseThrow()) + "; will re-authenticate with --force-reauth)").withChanges(changes);
            case UNKNOWN -> {
                ctx.listener().info("Could not read tailscaled's login server (tailscale debug prefs); "
                        + "treating the Running node as joined to " + ctx.loginServer());
                applyPreferences(prefs, changes);
                yield Preflight.joined(installed + ", Running (login server not confirmed)").withChanges(changes);
            }
        };
    }

    /** The status, after starting tailscaled when the CLI says it does not answer. */
    private TailscaleStatus daemonAnswering(List<String> changes) {
        TailscaleStatus status = status();
        if (!status.problem().toLowerCase(Locale.ROOT).contains(DAEMON_DOWN)) {
            return status;
        }
        String why = status.problem().lines().findFirst().orElse("");
        if (ctx.options().dryRun()) {
            ctx.listener().info("tailscaled is not running (" + why + "); a real run would start it");
            changes.add("start tailscaled (it is not running)");
            return status;
        }
        ctx.listener().info("tailscaled is not running (" + why + "); starting it");
        String how = host.startDaemon();
        TailscaleStatus after = status();
        if (!after.problem().isEmpty()) {
            throw new StepFailedException(FailureReason.TAILSCALED_NOT_RUNNING, ctx.redact(how
                    + ", but tailscale status still fails: " + after.problem()));
        }
        ctx.listener().ok(how);
        changes.add(how);
        return after;
    }

    /** The client's version, upgraded first when this run's Headscale would refuse it. */
    private String clientReady(List<String> changes) {
        Optional<TailscaleVersion> client = clientVersion();
        if (client.isEmpty()) {
            ctx.listener().warn("Could not read the Tailscale client's version (tailscale version); not checked against"
                    + " what Headscale accepts");
            return version();
        }
        Optional<String> server = ctx.headscaleVersion();
        Optional<TailscaleVersion> oldest = server.flatMap(ClientMinimum::forHeadscale);
        if (server.isEmpty()) {
            ctx.listener().info("Headscale's version is unknown: Tailscale " + client.get()
                    + " is not checked against the oldest client it accepts");
        }
        if (oldest.isEmpty() || !client.get().olderThan(oldest.get())) {
            return client.get().toString();
        }
        String why = "Tailscale " + client.get() + " on " + ctx.host().address() + " is older than " + oldest.get()
                + ", the oldest client Headscale " + server.orElseThrow() + " accepts";
        if (ctx.options().dryRun()) {
            ctx.listener().info(why + "; a real run would upgrade it");
            changes.add("upgrade Tailscale " + client.get() + " to " + oldest.get() + " or newer");
            return client.get().toString();
        }
        ctx.listener().info(why + "; upgrading it");
        String how = host.upgradeClient(client.get(), oldest.get());
        Optional<TailscaleVersion> after = clientVersion();
        if (after.isEmpty() || after.get().olderThan(oldest.get())) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, ctx.redact(why + "; " + how + ", and the client"
                    + " is now " + after.map(TailscaleVersion::toString).orElse("of unknown version")),
                    "Install Tailscale " + oldest.get() + " or newer on the host (or point the install method at it),"
                            + " then run mesh again.");
        }
        String done = "Tailscale upgraded from " + client.get() + " to " + after.get() + " (" + how + ")";
        ctx.listener().ok(done);
        changes.add(done);
        return after.get().toString();
    }

    /** A joined node: sets the wanted preferences it has otherwise, accepting routes last. */
    private void applyPreferences(Optional<NodePreferences> prefs, List<String> changes) {
        if (prefs.isEmpty()) {
            if (!ctx.preferences().values().isEmpty() || ctx.preferences().reset()) {
                ctx.listener().warn("Could not read the node's preferences (tailscale debug prefs): the wanted ones ("
                        + String.join(" ", ctx.preferences().flags()) + ") are not compared or applied");
            }
            return;
        }
        PreferencePlan plan = PreferencePlan.of(ctx.preferences(), prefs, family(), osFlagNames(List.of()));
        plan.unsettable().forEach((flag, v) -> ctx.listener().warn("The node's " + flag + " is " + v[0] + ", this run"
                + " wants " + v[1] + ": tailscale set cannot change it (only a new login can). Run `tailscale up "
                + NodePreferences.flag(flag, v[1]) + " --force-reauth` with the node's other flags on the host."));
        if (!plan.dropped().isEmpty()) {
            ctx.listener().info("reset: setting preferences the node has and this run does not name back to Tailscale's"
                    + " defaults: " + ctx.redact(PreferencePlan.describe(plan.dropped())));
        }
        boolean later = plan.acceptRoutes().orElse(false) && !prefs.get().value("accept-routes").orElse("").equals("true");
        List<String> flags = plan.setFlags(later);
        if (flags.isEmpty() && !later) {
            if (!ctx.preferences().values().isEmpty()) {
                ctx.listener().ok("Tailscale preferences are as wanted: " + String.join(" ", ctx.preferences().flags()));
            }
            return;
        }
        if (ctx.options().dryRun()) {
            List<String> all = new ArrayList<>(flags);
            if (later) {
                all.add("--accept-routes=true");
            }
            ctx.listener().info("A real run would run tailscale set " + ctx.redact(String.join(" ", all)));
            changes.add(ctx.redact("tailscale set " + String.join(" ", all)));
            return;
        }
        if (!flags.isEmpty()) {
            set(flags);
            Map<String, String[]> settable = new LinkedHashMap<>(plan.changes());
            settable.keySet().removeAll(plan.unsettable().keySet());
            if (later) {
                settable.remove("accept-routes"); // accepted below, after the routes were looked at
            }
            String what = "tailscale set " + String.join(" ", flags);
            ctx.listener().ok("Changed the node's preferences (" + ctx.redact(what) + ")"
                    + (settable.isEmpty() ? "" : ": " + ctx.redact(PreferencePlan.describeChanges(settable))));
            changes.add(ctx.redact(what));
        }
        if (later) {
            changes.add(acceptRoutes());
        }
    }

    // ---- CONNECTING -------------------------------------------------------------------------------

    /**
     * The arguments of this run's {@code up}: the login server, the key from standard input, the
     * wanted preferences and the ones the node has that this run keeps (named first, so nothing is
     * dropped unsaid; with reset, the ones dropped are named instead), the connect timeout, and
     * {@code --force-reauth} when the node is Running on another control server (which refuses a new
     * {@code --login-server} without it). When routes are to be accepted, {@code up} gets
     * {@code --accept-routes=false} and {@link #afterUp} accepts them once it has looked at them.
     *
     * @param osFlags flags only this OS has, e.g. Windows' {@code --unattended}
     */
    public List<String> upArguments(List<String> osFlags) {
        TailscaleStatus status = status();
        Optional<NodePreferences> prefs = preferences(status);
        boolean otherServer = status.running()
                && ControlServers.compare(prefs.flatMap(NodePreferences::controlUrl), ctx.loginServer()) == ControlServers.Match.OTHER;
        if (otherServer) {
            ctx.listener().info("tailscaled is logged in to another login server: re-authenticating with --force-reauth");
        }
        PreferencePlan plan = PreferencePlan.of(ctx.preferences(), prefs, family(), osFlagNames(osFlags));
        if (prefs.isEmpty()) {
            ctx.listener().warn("Could not read the node's preferences (tailscale debug prefs): if it has any that this"
                    + " run does not name, tailscale up will refuse and name them");
        }
        if (!plan.kept().isEmpty()) {
            ctx.listener().info("Keeping preferences the node has and this run does not name: "
                    + ctx.redact(PreferencePlan.describe(plan.kept())) + " (reset = true would drop them)");
        }
        if (!plan.dropped().isEmpty()) {
            ctx.listener().warn("reset: tailscale up --reset drops preferences the node has: "
                    + ctx.redact(PreferencePlan.describe(plan.dropped())));
        }
        acceptRoutesAfterUp = plan.acceptRoutes().orElse(false);
        List<String> all = new ArrayList<>(osFlags);
        all.addAll(host.osFlags().stream().filter(f -> !osFlags.contains(f)).toList());
        return TailscaleArguments.up(ctx.loginServer(), ctx.timeouts().connect(), plan.upFlags(acceptRoutesAfterUp),
                plan.reset(), otherServer, all);
    }

    /**
     * The arguments of an {@code up} a person runs later (a manual fallback script): as
     * {@link #upArguments}, with accept-routes at its final value at once, since nobody looks at the
     * routes first; without {@code --force-reauth}.
     */
    public List<String> manualUpArguments(List<String> osFlags) {
        Optional<NodePreferences> prefs = preferences(status());
        PreferencePlan plan = PreferencePlan.of(ctx.preferences(), prefs, family(), osFlagNames(osFlags));
        return TailscaleArguments.up(ctx.loginServer(), ctx.timeouts().connect(), plan.upFlags(false), plan.reset(), false,
                osFlags);
    }

    /** Runs {@code up} with {@code arguments} and the run's auth key on standard input. */
    public CommandResult up(List<String> arguments) {
        return cli.run(arguments, ctx.authKey().toInput(), ctx.timeouts().connect().plus(UP_MARGIN));
    }

    /**
     * CONNECTING: {@code up} once, then {@link #afterUp}.
     *
     * @throws StepFailedException TAILSCALE_CONNECT_FAILED with the end of the CLI's output
     */
    public ConnectResult connect(List<String> osFlags) {
        CommandResult up = up(upArguments(osFlags));
        if (!up.succeeded()) {
            String output = ctx.redact(up.tail());
            if (output.contains(UP_CHECKER)) {
                throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, output,
                        "tailscale up refuses to drop preferences set on the host that mesh could not read; keep them by"
                                + " setting them for this host (mesh.tailscale.*, the inventory, flags), or set reset = true.");
            }
            throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, output);
        }
        ctx.listener().ok("Connected to " + ctx.loginServer());
        afterUp();
        return ConnectResult.connected("tailscale up --login-server=" + ctx.loginServer() + " succeeded");
    }

    /** After a successful {@code up}: accepts subnet routes when this run's preferences want them. */
    public void afterUp() {
        if (acceptRoutesAfterUp) {
            acceptRoutes();
        }
    }

    /**
     * {@code tailscale set --accept-routes=true}, after warning when a route the tailnet offers covers
     * the address mesh is connected through (the host's replies to it would go into the tailnet: on
     * Linux routing table 52, consulted before the main table). The routes are the ones the node sees
     * its peers offer ({@code PrimaryRoutes}, {@code AllowedIPs}), read after {@code up}, so the check
     * works with every Headscale version without asking its routes API.
     *
     * @return what was changed
     */
    private String acceptRoutes() {
        List<String> offered = status().subnetRoutes();
        ConnectionPath path = host.connectionPath();
        List<String> covering = path.coveredBy(offered);
        if (!covering.isEmpty()) {
            ctx.listener().warn("Accepting subnet routes on " + ctx.host().address() + ": " + String.join(", ", covering)
                    + " covers the connection mesh uses (" + path.describe() + "). Once accepted, the host sends its"
                    + " replies for that subnet into the tailnet and may drop off its LAN and this SSH session."
                    + " To avoid it, set accept-routes = false for this host (mesh.tailscale.accept-routes,"
                    + " the inventory's tailscale.accept-routes, --accept-routes=false).");
        } else if (!offered.isEmpty() && path.serverAddress().isEmpty()) {
            ctx.listener().warn("Accepting subnet routes " + String.join(", ", offered) + " on " + ctx.host().address()
                    + ": mesh could not tell how its connection reaches the host, so it cannot tell whether they cover it");
        } else {
            ctx.listener().info("Subnet routes the tailnet offers: " + (offered.isEmpty() ? "none" : String.join(", ", offered))
                    + "; none covers mesh's connection (" + path.describe() + ")");
        }
        set(List.of("--accept-routes=true"));
        ctx.listener().ok("Accepting subnet routes (tailscale set --accept-routes=true)");
        return "tailscale set --accept-routes=true";
    }

    private void set(List<String> flags) {
        List<String> args = TailscaleArguments.set(flags);
        CommandResult r = run(args);
        if (!r.succeeded()) {
            throw new StepFailedException(FailureReason.PREFERENCES_FAILED,
                    ctx.redact("tailscale " + String.join(" ", args) + " failed:\n" + r.tail()));
        }
    }

    /** Whether the node is Running with an address on this run's login server (or one that cannot be read). */
    public boolean joinedHere() {
        TailscaleStatus status = status();
        return status.running() && !status.addresses().isEmpty()
                && ControlServers.compare(controlUrl(), ctx.loginServer()) != ControlServers.Match.OTHER;
    }

    // ---- VERIFYING -------------------------------------------------------------------------------

    /**
     * VERIFYING: tailscaled Running with at least one Tailscale address, IPv4 or IPv6.
     *
     * @throws StepFailedException VERIFY_FAILED with the state, tailscaled's health warnings and why
     *                             the status could not be read
     */
    public TailscaleStatus verify() {
        TailscaleStatus status = status();
        if (!status.running()) {
            StringBuilder detail = new StringBuilder("BackendState is " + status.backendState());
            if (!status.health().isEmpty()) {
                detail.append("; health: ").append(String.join("; ", status.health()));
            }
            if (!status.problem().isEmpty()) {
                detail.append("; tailscale status --json: ").append(status.problem());
            }
            throw new StepFailedException(FailureReason.VERIFY_FAILED, ctx.redact(detail.toString()));
        }
        if (status.addresses().isEmpty()) {
            throw new StepFailedException(FailureReason.VERIFY_FAILED, "tailscaled is Running but has no Tailscale address");
        }
        ctx.listener().ok("Tailscale is Running: " + String.join(", ", status.addresses()));
        return status;
    }

    private CommandResult run(List<String> args) {
        return cli.run(args, new byte[0], ctx.timeouts().command());
    }

    /** A command that only reads: the OS may run it in its shared shell ({@link TailscaleCli#probe}). */
    private CommandResult probe(List<String> args) {
        return cli.probe(args, ctx.timeouts().command());
    }

    private String family() {
        return ctx.os().family();
    }

    /** {@code unattended} from {@code --unattended}: flags the OS passes itself are not kept or dropped. */
    private Set<String> osFlagNames(List<String> osFlags) {
        Set<String> names = new HashSet<>();
        List<String> all = new ArrayList<>(osFlags);
        all.addAll(host.osFlags());
        for (String f : all) {
            names.add(f.replaceFirst("^--?", "").replaceFirst("=.*$", ""));
        }
        return names;
    }
}
