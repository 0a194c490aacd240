package dev.mesh.os.macos;

import dev.mesh.api.ControlServers;
import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.TailscaleStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The Tailscale CLI on a Mac: the one inside an installed Tailscale app (it talks to the app, as the
 * logged-in user, so no sudo), or Homebrew's with its tailscaled system daemon (root's, so sudo).
 */
final class MacTailscale {
    static final String APP_CLI = "/Applications/Tailscale.app/Contents/MacOS/Tailscale";
    static final String LOCATE = "for t in " + APP_CLI + " /opt/homebrew/bin/tailscale /usr/local/bin/tailscale;"
            + " do if [ -x \"$t\" ]; then echo \"$t\"; exit 0; fi; done; command -v tailscale";

    /** A located CLI. */
    record Cli(String path) {
        boolean app() {
            return path.equals(APP_CLI);
        }

        /** The command line that runs the CLI with {@code args} (already quoted). */
        String command(String args) {
            return (app() ? "" : "sudo -n ") + Quoting.sh(path) + " " + args;
        }
    }

    /** What {@code status --json} said, plus the version it reports. */
    record Reading(TailscaleStatus status, String version) {
    }

    private MacTailscale() {
    }

    static Optional<Cli> locate(ProvisioningContext ctx) {
        CommandResult result = ctx.connection().run(LOCATE, ctx.timeouts().command());
        String path = result.out().lines().reduce((a, b) -> b).orElse("").strip();
        return result.succeeded() && path.startsWith("/") ? Optional.of(new Cli(path)) : Optional.empty();
    }

    /** The complete flag set with {@code --reset}, the key read from a file, and always a timeout. */
    static String upArguments(URI loginServer, String keyFile, Duration timeout) {
        return "up " + Quoting.sh("--login-server=" + loginServer) + " " + Quoting.sh("--auth-key=file:" + keyFile)
                + " --accept-routes --reset " + Quoting.sh("--timeout=" + Math.max(1, timeout.toSeconds()) + "s");
    }

    static Optional<Reading> status(ProvisioningContext ctx, Cli cli) {
        CommandResult result = ctx.connection().run(cli.command("status --json"), ctx.timeouts().command());
        if (!result.succeeded()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = ctx.parseJsonObject(result.out());
            Object version = json.get("Version");
            return Optional.of(new Reading(TailscaleStatus.fromJson(json), version == null ? "" : version.toString()));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /** {@code ControlURL} from {@code tailscale debug prefs} (not a stable interface: best effort). */
    static Optional<String> controlUrl(ProvisioningContext ctx, Cli cli) {
        CommandResult result = ctx.connection().run(cli.command("debug prefs"), ctx.timeouts().command());
        if (!result.succeeded()) {
            return Optional.empty();
        }
        try {
            Object url = ctx.parseJsonObject(result.out()).get("ControlURL");
            return url == null || url.toString().isBlank() ? Optional.empty() : Optional.of(url.toString());
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    static boolean sameServer(String a, String b) {
        return ControlServers.same(a, b);
    }
}
