package dev.mesh.api.tailscale;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Tailscale steps every OS shares, over one host's {@link TailscaleCli}: read the node's state,
 * decide whether it is joined, run {@code up} with the key on standard input, verify. Everything a
 * host prints passes through {@link ProvisioningContext#redact} before it reaches a message.
 *
 * <pre>
 * Tailscale tailscale = Tailscale.on(ctx, myCli);
 * Preflight found = tailscale.preflight("Tailscale");   // PREFLIGHT, once the CLI is known to be there
 * tailscale.connect(List.of());                          // CONNECTING
 * TailscaleStatus status = tailscale.verify();            // VERIFYING
 * </pre>
 */
public final class Tailscale {
    /** Extra time over {@code up --timeout} before the remote command is abandoned. */
    public static final Duration UP_MARGIN = Duration.ofSeconds(30);

    private final ProvisioningContext ctx;
    private final TailscaleCli cli;

    private Tailscale(ProvisioningContext ctx, TailscaleCli cli) {
        this.ctx = ctx;
        this.cli = cli;
    }

    public static Tailscale on(ProvisioningContext ctx, TailscaleCli cli) {
        return new Tailscale(ctx, cli);
    }

    /** The first line of {@code tailscale version} (works without tailscaled), or {@code (unknown version)}. */
    public String version() {
        CommandResult r = run(TailscaleArguments.VERSION);
        String first = r.out().lines().findFirst().orElse("").strip();
        return r.succeeded() && !first.isEmpty() ? ctx.redact(first) : "(unknown version)";
    }

    /** {@code tailscale status --json}; {@link TailscaleStatus#unreadable} when it gives no JSON. */
    public TailscaleStatus status() {
        CommandResult r = run(TailscaleArguments.STATUS);
        try {
            return TailscaleStatus.fromJson(ctx.parseJsonObject(r.stdout()));
        } catch (IllegalArgumentException notJson) {
            return TailscaleStatus.unreadable(ctx.redact(r.combinedOutput()));
        }
    }

    /** {@code ControlURL} from {@code tailscale debug prefs}, empty when it cannot be read. */
    public Optional<String> controlUrl() {
        CommandResult r = run(TailscaleArguments.PREFS);
        if (!r.succeeded()) {
            return Optional.empty();
        }
        try {
            Object url = ctx.parseJsonObject(r.stdout()).get("ControlURL");
            return url instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /**
     * PREFLIGHT for a host where the CLI is installed: joined when tailscaled is Running with an
     * address on this run's login server. A node whose control URL cannot be read is trusted to be
     * joined (and the operator told so).
     *
     * @param product what is installed, for the summary, e.g. {@code Tailscale} or {@code Tailscale app}
     */
    public Preflight preflight(String product) {
        String installed = product + " " + version() + " installed";
        TailscaleStatus status = status();
        if (!status.problem().isEmpty()) {
            return Preflight.installed(installed + ", tailscaled not answering ("
                    + status.problem().lines().findFirst().orElse("") + ")");
        }
        if ("InUseOtherUser".equals(status.backendState())) {
            ctx.listener().warn("Tailscale on " + ctx.host().address() + " is in use by another user of the machine;"
                    + " joining as " + ctx.host().user() + " may fail until that user quits Tailscale");
        }
        if (!status.running()) {
            return Preflight.installed(installed + ", " + status.backendState());
        }
        if (status.addresses().isEmpty()) {
            return Preflight.installed(installed + ", Running without a Tailscale address");
        }
        Optional<String> control = controlUrl();
        return switch (ControlServers.compare(control, ctx.loginServer())) {
            case SAME -> Preflight.joined(installed + ", Running on " + ctx.loginServer() + " (joined)");
            case OTHER -> Preflight.installed(installed + ", Running on another login server ("
                    + ctx.redact(control.orElseThrow()) + "; will re-authenticate with --force-reauth)");
            case UNKNOWN -> {
                ctx.listener().info("Could not read tailscaled's login server (tailscale debug prefs); "
                        + "treating the Running node as joined to " + ctx.loginServer());
                yield Preflight.joined(installed + ", Running (login server not confirmed)");
            }
        };
    }

    /**
     * The arguments of this run's {@code up}: the login server, the key from standard input, the
     * run's preferences, the connect timeout, and {@code --force-reauth} when the node is Running on
     * another control server (which refuses a new {@code --login-server} without it).
     *
     * @param osFlags flags only this OS has, e.g. Windows' {@code --unattended}
     */
    public List<String> upArguments(List<String> osFlags) {
        boolean otherServer = status().running()
                && ControlServers.compare(controlUrl(), ctx.loginServer()) == ControlServers.Match.OTHER;
        if (otherServer) {
            ctx.listener().info("tailscaled is logged in to another login server: re-authenticating with --force-reauth");
        }
        return TailscaleArguments.up(ctx.loginServer(), ctx.timeouts().connect(), ctx.preferences(), otherServer, osFlags);
    }

    /** Runs {@code up} with {@code arguments} and the run's auth key on standard input. */
    public CommandResult up(List<String> arguments) {
        return cli.run(arguments, ctx.authKey().toInput(), ctx.timeouts().connect().plus(UP_MARGIN));
    }

    /**
     * CONNECTING: {@code up} once.
     *
     * @throws StepFailedException TAILSCALE_CONNECT_FAILED with the end of the CLI's output
     */
    public ConnectResult connect(List<String> osFlags) {
        CommandResult up = up(upArguments(osFlags));
        if (!up.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, ctx.redact(up.tail()));
        }
        ctx.listener().ok("Connected to " + ctx.loginServer());
        return ConnectResult.connected("tailscale up --login-server=" + ctx.loginServer() + " succeeded");
    }

    /** Whether the node is Running with an address on this run's login server (or one that cannot be read). */
    public boolean joinedHere() {
        TailscaleStatus status = status();
        return status.running() && !status.addresses().isEmpty()
                && ControlServers.compare(controlUrl(), ctx.loginServer()) != ControlServers.Match.OTHER;
    }

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
}
