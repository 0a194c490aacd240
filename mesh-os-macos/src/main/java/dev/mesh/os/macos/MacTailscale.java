package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleCli;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a Mac runs the Tailscale CLI: the one inside an installed Tailscale app (it talks to the app,
 * as the logged-in user, so no sudo), or Homebrew's with its tailscaled system daemon (root's, so
 * {@code sudo -n}). {@code up} reads the key from {@code /dev/stdin}, which sudo passes through.
 * Everything else about Tailscale is mesh-api's ({@link Tailscale}).
 *
 * @param path the CLI's absolute path
 */
record MacTailscale(ProvisioningContext ctx, String path) implements TailscaleCli {
    static final String APP_CLI = "/Applications/Tailscale.app/Contents/MacOS/Tailscale";
    static final String LOCATE = "for t in " + APP_CLI + " /opt/homebrew/bin/tailscale /usr/local/bin/tailscale;"
            + " do if [ -x \"$t\" ]; then echo \"$t\"; exit 0; fi; done; command -v tailscale";

    /** The CLI on this Mac, if any: the app's first, then Homebrew's prefixes, then PATH. */
    static Optional<MacTailscale> locate(ProvisioningContext ctx) {
        CommandResult result = ctx.connection().probe(LOCATE, ctx.timeouts().command());
        String path = result.out().lines().reduce((a, b) -> b).orElse("").strip();
        return result.succeeded() && path.startsWith("/") ? Optional.of(new MacTailscale(ctx, path)) : Optional.empty();
    }

    /** Whether this is the Tailscale app's CLI. */
    boolean app() {
        return path.equals(APP_CLI);
    }

    /** What the summary calls it. */
    String product() {
        return app() ? "Tailscale app" : "Tailscale (Homebrew)";
    }

    /** The shared Tailscale steps over this CLI. */
    Tailscale tailscale() {
        return Tailscale.on(ctx, this, new MacTailscaleHost(ctx, this));
    }

    /** The command line that runs the CLI with {@code args}. */
    String command(List<String> args) {
        return (app() ? "" : "sudo -n ") + Quoting.sh(path) + " "
                + args.stream().map(Quoting::shArgument).collect(Collectors.joining(" "));
    }

    @Override
    public CommandResult run(List<String> args, byte[] stdin, Duration timeout) {
        String command = command(args);
        return stdin.length == 0 ? ctx.connection().run(command, timeout) : ctx.connection().run(command, stdin, timeout);
    }

    @Override
    public CommandResult probe(List<String> args, Duration timeout) {
        return ctx.connection().probe(command(args), timeout);
    }
}
