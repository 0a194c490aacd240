package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.api.tailscale.TailscaleCli;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How Linux runs the Tailscale CLI: reading commands ({@code status}, {@code version}) as the login
 * user, whom tailscaled answers; {@code up} and {@code debug prefs} as root in the form the host
 * allows ({@link RootCommand}: as root, {@code sudo -n}, or the prepared helper). {@code up} reads
 * the key from {@code /dev/stdin}, which sudo and the helper pass through. Everything else about
 * Tailscale is mesh-api's ({@link Tailscale}).
 */
final class LinuxTailscale implements TailscaleCli {
    private final LinuxShell shell;

    LinuxTailscale(LinuxShell shell) {
        this.shell = shell;
    }

    /** The shared Tailscale steps on this host. */
    static Tailscale of(ProvisioningContext ctx) {
        return Tailscale.on(ctx, new LinuxTailscale(LinuxShell.of(ctx)));
    }

    /** {@code command -v tailscale} (exit 1 in bash, 127 in dash when missing). */
    boolean installed() {
        return shell.run("command -v tailscale").succeeded();
    }

    @Override
    public CommandResult run(List<String> args, byte[] stdin, Duration timeout) {
        return shell.run(command(args), stdin, timeout);
    }

    /** The command line for {@code tailscale ARGS}, privileged where it must be. */
    String command(List<String> args) {
        if (args.get(0).equals("up")) {
            return shell.command(RootCommand.tailscaleUp(args.subList(1, args.size())));
        }
        if (args.equals(TailscaleArguments.PREFS)) {
            return shell.command(RootCommand.tailscalePrefs());
        }
        return "tailscale " + args.stream().map(Quoting::shArgument).collect(Collectors.joining(" "));
    }
}
