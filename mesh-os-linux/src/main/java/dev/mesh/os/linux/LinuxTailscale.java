package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.api.tailscale.TailscaleCli;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How Linux runs the Tailscale CLI: always by its absolute path ({@link Location}), reading commands
 * ({@code status}, {@code version}) as the login user, whom tailscaled answers; {@code up}, {@code set}
 * and {@code debug prefs} as root in the form the host allows ({@link RootCommand}: as root,
 * {@code sudo -n}, or the prepared helper). {@code up} reads the key from {@code /dev/stdin}, which
 * sudo and the helper pass through. Everything else about Tailscale is mesh-api's ({@link Tailscale}),
 * with this OS's part in {@link LinuxTailscaleHost}.
 */
final class LinuxTailscale implements TailscaleCli {

    /**
     * Where the CLI is.
     *
     * @param path     the absolute path every command runs
     * @param userPath what {@code command -v tailscale} finds on the login user's PATH (empty: none)
     * @param rootPath what root commands would run: sudo's {@code secure_path}, or the prepared helper's PATH (empty: none)
     */
    record Location(String path, String userPath, String rootPath) {
    }

    private final LinuxShell shell;
    private final String path;

    private LinuxTailscale(LinuxShell shell, String path) {
        this.shell = shell;
        this.path = path;
    }

    /**
     * The shared Tailscale steps on this host, over the located CLI.
     *
     * @throws StepFailedException when the CLI is not on the host
     */
    static Tailscale of(ProvisioningContext ctx) {
        Location at = locate(ctx).orElseThrow(() -> new StepFailedException(FailureReason.PREFLIGHT_FAILED,
                "the Tailscale CLI is not on " + ctx.host().address()));
        return Tailscale.on(ctx, new LinuxTailscale(LinuxShell.of(ctx), at.path()), new LinuxTailscaleHost(ctx));
    }

    /**
     * Finds the CLI, once per run (until {@link #forget}): as the login user sees it, and as root
     * commands would run it. When the two differ, root commands run the login user's by its absolute
     * path; a prepared helper cannot (it runs only its own PATH's), so that is a failure naming both.
     *
     * @return empty when Tailscale is not on the host
     * @throws StepFailedException PREFLIGHT_FAILED on a prepared host whose helper would run another CLI
     */
    static Optional<Location> locate(ProvisioningContext ctx) {
        Optional<Location> known = ctx.store().get(Location.class);
        if (known.isPresent()) {
            return known;
        }
        LinuxShell shell = LinuxShell.of(ctx);
        String user = absolute(shell.probe("command -v tailscale"));
        String root = shell.root() ? user : absolute(shell.probe(RootCommand.tailscalePath()));
        if (user.isEmpty() && root.isEmpty()) {
            return Optional.empty();
        }
        Location at = new Location(user.isEmpty() ? root : user, user, root);
        if (!user.isEmpty() && !user.equals(root)) {
            differentCli(shell, ctx, at);
        }
        ctx.store().put(Location.class, at);
        return Optional.of(at);
    }

    private static void differentCli(LinuxShell shell, ProvisioningContext ctx, Location at) {
        String rootSees = at.rootPath().isEmpty() ? "no tailscale" : at.rootPath();
        if (shell.privilege() == LinuxShell.Privilege.HELPER) {
            throw new StepFailedException(FailureReason.PREFLIGHT_FAILED, "the login user's PATH finds " + at.userPath()
                    + ", but mesh's root helper (" + RootHelper.PATH + ") would run " + rootSees
                    + " (its PATH: " + RootHelper.Layout.HOST.path() + ")",
                    "Install Tailscale where the helper finds it (e.g. a root-owned link in /usr/local/bin), remove the other"
                            + " copy, or provision with an account that has password-less sudo.");
        }
        ctx.listener().info("The login user's PATH finds " + at.userPath() + ", sudo's secure_path " + rootSees
                + ": mesh runs " + at.userPath() + " by its absolute path, as root too");
    }

    /** Forgets where the CLI is (after an install put one there). */
    static void forget(ProvisioningContext ctx) {
        ctx.store().remove(Location.class);
    }

    /** The last line of {@code command -v}'s output when it is an absolute path, else empty. */
    private static String absolute(CommandResult r) {
        String last = r.out().lines().reduce((a, b) -> b).orElse("").strip();
        return r.succeeded() && last.startsWith("/") ? last : "";
    }

    @Override
    public CommandResult run(List<String> args, byte[] stdin, Duration timeout) {
        return shell.run(command(args), stdin, timeout);
    }

    @Override
    public CommandResult probe(List<String> args, Duration timeout) {
        return shell.probe(command(args), timeout);
    }

    /** The command line for {@code tailscale ARGS}, privileged where it must be. */
    String command(List<String> args) {
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "up" -> shell.command(RootCommand.tailscaleUp(path, rest));
            case "set" -> shell.command(RootCommand.tailscaleSet(path, rest));
            case "logout" -> shell.command(RootCommand.tailscaleLogout(path));
            default -> args.equals(TailscaleArguments.PREFS) ? shell.command(RootCommand.tailscalePrefs(path))
                    : Quoting.shArgument(path) + " " + args.stream().map(Quoting::shArgument).collect(Collectors.joining(" "));
        };
    }

    /** For tests: the CLI at {@code path} on {@code shell}'s host. */
    static LinuxTailscale at(LinuxShell shell, String path) {
        return new LinuxTailscale(shell, path);
    }
}
