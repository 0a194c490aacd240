package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ConnectionPath;
import dev.mesh.api.tailscale.TailscaleHost;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * macOS's part of mesh-api's Tailscale steps. Homebrew's tailscaled is started as INSTALLING starts
 * it ({@code sudo brew services start tailscale}) and upgraded with Homebrew; the Tailscale app runs
 * in a user's session and updates itself, so mesh can do neither and says so. mesh's connection is
 * read from {@code SSH_CONNECTION} and {@code ifconfig}.
 */
final class MacTailscaleHost implements TailscaleHost {
    private static final String MARK = "@@mesh:ifconfig";
    static final String PATH = "printf '%s\\n' \"${SSH_CONNECTION:-}\"; echo '" + MARK + "'; ifconfig 2>/dev/null; true";
    private static final Pattern INET = Pattern.compile("^\\s*inet (\\S+) netmask 0x([0-9a-fA-F]{8})");
    private static final Pattern INET6 = Pattern.compile("^\\s*inet6 (\\S+) prefixlen (\\d+)");

    private final ProvisioningContext ctx;
    private final MacTailscale cli;

    MacTailscaleHost(ProvisioningContext ctx, MacTailscale cli) {
        this.ctx = ctx;
        this.cli = cli;
    }

    @Override
    public String startDaemon() {
        if (cli.app()) {
            throw new StepFailedException(FailureReason.TAILSCALED_NOT_RUNNING, "the Tailscale app on "
                    + ctx.host().address() + " is not running, and mesh cannot start an app over SSH",
                    "Open the Tailscale app on the Mac (it runs in a logged-in user's session), or remove it and let mesh"
                            + " install Homebrew's tailscale, which runs as a system daemon.");
        }
        tailscaled(Homebrew.require(ctx, FailureReason.TAILSCALED_NOT_RUNNING)).start(ctx, FailureReason.TAILSCALED_NOT_RUNNING);
        return "tailscaled started (brew services)";
    }

    /** Homebrew's tailscaled, root's LaunchDaemon. */
    static MacService tailscaled(String brew) {
        return new MacService(brew, "tailscale", "tailscaled", true);
    }

    @Override
    public String upgradeClient(TailscaleVersion installed, TailscaleVersion needed) {
        if (cli.app()) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "the Tailscale app " + installed + " on "
                    + ctx.host().address() + " is older than " + needed + ", and mesh cannot update an app",
                    "Update the Tailscale app on the Mac (App Store, or tailscale.com/download), then run mesh again.");
        }
        String brew = Homebrew.require(ctx, FailureReason.TAILSCALE_TOO_OLD);
        for (String command : List.of(Quoting.sh(brew) + " upgrade tailscale", "sudo -n " + Quoting.sh(brew) + " services restart tailscale")) {
            CommandResult r = ctx.connection().run(command, ctx.timeouts().install());
            if (!r.succeeded()) {
                throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, ctx.redact(command.replaceFirst("'[^']*'", "brew")
                        + " failed: " + r.combinedOutput()));
            }
        }
        return "upgraded with Homebrew";
    }

    @Override
    public ConnectionPath connectionPath() {
        String out = ctx.connection().probe(PATH, ctx.timeouts().command()).stdout();
        int mark = out.indexOf(MARK);
        return mark < 0 ? ConnectionPath.of("", "", List.of())
                : ConnectionPath.fromSshConnection(out.substring(0, mark).strip(), prefixes(out.substring(mark + MARK.length())));
    }

    /** {@code inet A netmask 0xffffff00} and {@code inet6 A prefixlen N} lines of ifconfig(8), as prefixes. */
    static List<String> prefixes(String ifconfig) {
        List<String> out = new ArrayList<>();
        for (String line : ifconfig.split("\\R")) {
            Matcher v4 = INET.matcher(line);
            Matcher v6 = INET6.matcher(line);
            if (v4.find()) {
                out.add(v4.group(1) + "/" + Long.bitCount(Long.parseLong(v4.group(2), 16)));
            } else if (v6.find()) {
                out.add(v6.group(1) + "/" + v6.group(2));
            }
        }
        return out;
    }
}
