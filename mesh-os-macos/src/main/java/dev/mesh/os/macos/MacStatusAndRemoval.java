package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientUninstall;
import dev.mesh.api.tailscale.TailscaleReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mesh remote status} and {@code mesh remote remove} on macOS: mesh-api's shared Tailscale
 * report and leave over {@link MacTailscale}. Homebrew's client is removed with Homebrew (its root
 * service stopped first, {@code sudo brew services stop tailscale}, then {@code brew uninstall
 * tailscale}); the Tailscale app came from the App Store or Tailscale's package, which mesh does not
 * drive, so it stays. Syncthing stays. macOS has nothing to unprepare.
 */
final class MacStatusAndRemoval {
    private MacStatusAndRemoval() {
    }

    static StatusReport status(ProvisioningContext ctx) {
        Optional<MacTailscale> cli = MacTailscale.locate(ctx);
        TailscaleReport tailscale = cli.map(c -> c.tailscale().report()).orElseGet(TailscaleReport::notInstalled);
        boolean running = !MacSyncthingInstaller.probe(ctx).getOrDefault("process", "").isEmpty();
        StatusReport.Builder report = StatusReport.builder(tailscale).syncthing(syncthingInstalled(ctx), running);
        cli.ifPresent(c -> report.note("client: " + c.product()));
        return report.build();
    }

    private static boolean syncthingInstalled(ProvisioningContext ctx) {
        return ctx.connection().probe("command -v syncthing", ctx.timeouts().command()).succeeded()
                || Homebrew.locate(ctx).map(brew -> ctx.connection().probe(Quoting.sh(brew) + " list --versions syncthing",
                        ctx.timeouts().command()).succeeded()).orElse(false);
    }

    static RemovalReport remove(ProvisioningContext ctx, RemovalOptions options) {
        List<String> changes = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Optional<MacTailscale> cli = MacTailscale.locate(ctx);
        if (cli.isEmpty()) {
            ctx.listener().ok("Tailscale is not installed");
        } else {
            RemovalReport tailscale = cli.get().tailscale().leave(options.uninstall(), homebrew(ctx, cli.get()));
            changes.addAll(tailscale.changes());
            left.addAll(tailscale.left());
        }
        if (options.unprepare()) {
            ctx.listener().ok("Nothing to unprepare: mesh prepares no macOS host");
        }
        if (syncthingInstalled(ctx)) {
            left.add("Syncthing stays installed (brew services or the user's own)");
        }
        return RemovalReport.of(changes, left);
    }

    private static ClientUninstall homebrew(ProvisioningContext ctx, MacTailscale cli) {
        Optional<String> brew = cli.app() ? Optional.empty() : Homebrew.locate(ctx);
        return new ClientUninstall() {
            @Override
            public Optional<String> method() {
                return brew.map(b -> "brew uninstall tailscale");
            }

            @Override
            public void run() {
                String b = Quoting.sh(brew.orElseThrow());
                ctx.connection().run("sudo -n " + b + " services stop tailscale", ctx.timeouts().command());
                CommandResult r = ctx.connection().run(b + " uninstall tailscale", ctx.timeouts().install());
                if (!r.succeeded() || MacTailscale.locate(ctx).isPresent()) {
                    throw new StepFailedException(FailureReason.REMOVE_FAILED, "brew uninstall tailscale failed (exit "
                            + r.exitCode() + "): " + ctx.redact(r.combinedOutput()));
                }
            }
        };
    }
}
