package dev.mesh.os.windows;

import dev.mesh.api.ControlServers;
import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Scripts that drive {@code tailscale.exe}, and readers for what it prints. */
final class TailscaleCli {
    static final String EXE = "C:\\Program Files\\Tailscale\\tailscale.exe";
    static final String INSTALLED = "Test-Path -LiteralPath " + PowerShell.literal(EXE) + " -PathType Leaf";
    static final String STATUS = call("status --json");
    static final String PREFS = call("debug prefs");

    /** What {@code status --json} said, plus the version it reports. */
    record Reading(TailscaleStatus status, String version) {
    }

    private TailscaleCli() {
    }

    /** A script that runs tailscale.exe with {@code args} and exits with its exit code. */
    static String call(String args) {
        return "& " + PowerShell.literal(EXE) + " " + args + "\nexit $LASTEXITCODE";
    }

    /**
     * {@code tailscale up} in server mode ({@code --unattended}: tailscaled keeps the login after this
     * SSH session, its last client, disconnects), the key read from a file, the complete flag set
     * with {@code --reset}, and always a timeout (the default 0 waits forever).
     */
    static String upArguments(URI loginServer, String keyFile, Duration timeout) {
        return "up --unattended " + PowerShell.literal("--login-server=" + loginServer)
                + " " + PowerShell.literal("--auth-key=file:" + keyFile)
                + " --accept-routes --reset " + PowerShell.literal("--timeout=" + Math.max(1, timeout.toSeconds()) + "s");
    }

    static boolean installed(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, INSTALLED);
        return result.succeeded() && "True".equalsIgnoreCase(PowerShell.output(result));
    }

    /** {@code tailscale status --json}, or empty when tailscaled does not answer or prints no JSON. */
    static Optional<Reading> status(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, STATUS);
        if (!result.succeeded()) {
            return Optional.empty();
        }
        try {
            Map<String, Object> json = ctx.parseJsonObject(PowerShell.output(result));
            Object version = json.get("Version");
            return Optional.of(new Reading(TailscaleStatus.fromJson(json), version == null ? "" : version.toString()));
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /** {@code ControlURL} from {@code tailscale debug prefs} (not a stable interface: best effort). */
    static Optional<String> controlUrl(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, PREFS);
        if (!result.succeeded()) {
            return Optional.empty();
        }
        try {
            Object url = ctx.parseJsonObject(PowerShell.output(result)).get("ControlURL");
            return url == null || url.toString().isBlank() ? Optional.empty() : Optional.of(url.toString());
        } catch (IllegalArgumentException notJson) {
            return Optional.empty();
        }
    }

    /** Whether two control server URLs name the same server (case of scheme/host, trailing slash). */
    static boolean sameServer(String a, String b) {
        return ControlServers.same(a, b);
    }
}
