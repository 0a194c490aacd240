package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.api.tailscale.TailscaleCli;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How Windows runs the Tailscale CLI: {@code tailscale.exe} at its install path, from a PowerShell
 * script, as the SSH account (an elevated administrator, checked in PREFLIGHT), each argument a
 * PowerShell word. Windows has no path for a process's standard input, so {@code up}'s key goes
 * through a {@link KeyFile} whose life the same script bounds. Everything else about Tailscale is
 * mesh-api's ({@link Tailscale}).
 */
final class WindowsTailscale implements TailscaleCli {
    static final String EXE = "C:\\Program Files\\Tailscale\\tailscale.exe";
    static final String INSTALLED = "Test-Path -LiteralPath " + PowerShell.literal(EXE) + " -PathType Leaf";

    private final ProvisioningContext ctx;
    private final String keyDir;

    private WindowsTailscale(ProvisioningContext ctx, String keyDir) {
        this.ctx = ctx;
        this.keyDir = keyDir;
    }

    /** The shared Tailscale steps on this host; {@code up}'s key file goes to the protected script directory. */
    static Tailscale of(ProvisioningContext ctx) {
        return Tailscale.on(ctx, new WindowsTailscale(ctx, ctx.settings(WindowsSettings.class).scriptDir()),
                new WindowsTailscaleHost(ctx));
    }

    static boolean installed(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, INSTALLED);
        return result.succeeded() && "True".equalsIgnoreCase(PowerShell.output(result));
    }

    @Override
    public CommandResult run(List<String> args, byte[] stdin, Duration timeout) {
        if (args.contains(TailscaleArguments.AUTH_KEY_FROM_STDIN)) {
            return PowerShell.run(ctx, KeyFile.in(keyDir, timeout).script(args), stdin, timeout);
        }
        return PowerShell.run(ctx, call(args), timeout);
    }

    /** A script that runs tailscale.exe with {@code args} and exits with its exit code. */
    static String call(List<String> args) {
        return "& " + PowerShell.literal(EXE) + " " + arguments(args) + "\nexit $LASTEXITCODE";
    }

    /** Each argument one PowerShell word: plain words as they are, anything else a literal. */
    static String arguments(List<String> args) {
        return args.stream().map(a -> a.matches("[A-Za-z0-9-]+") ? a : PowerShell.literal(a)).collect(Collectors.joining(" "));
    }
}
