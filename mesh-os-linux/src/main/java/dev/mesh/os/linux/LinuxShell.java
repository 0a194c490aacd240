package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs one step's commands on the host and turns privileged ones ({@link RootCommand}) into the
 * form the host's {@link Privilege} allows. The privilege is found out once per host and run and kept
 * in the run's {@link dev.mesh.api.HostStore}, so later steps do not ask again: {@code id -u} at
 * once, the sudo checks when first needed (PREFLIGHT).
 */
final class LinuxShell {

    /** How this login gets root. */
    enum Privilege {
        /** The login user is root. */
        ROOT,
        /** {@code sudo -n true} works: full password-less sudo. */
        SUDO,
        /** {@code sudo -n mesh-root check} works: a host prepared with {@code mesh remote prepare}. */
        HELPER,
        /** Neither: sudo wants a password (or is missing). */
        NONE
    }

    /**
     * What was found out about one connection.
     *
     * @param privilege  how root is reached
     * @param sudoOutput what {@code sudo -n true} answered, for the failure message
     * @param sudoMissing whether sudo itself is missing (exit 127)
     * @param helperPin  the pin the host's helper printed, in {@link Privilege#HELPER} mode
     * @param helperPins what the host's helper allows; empty for a helper of an older mesh (or no helper)
     */
    record Access(Privilege privilege, String sudoOutput, boolean sudoMissing, String helperPin,
                  Optional<RootHelper.Pins> helperPins) {
        Access(Privilege privilege, String sudoOutput, boolean sudoMissing) {
            this(privilege, sudoOutput, sudoMissing, "", Optional.empty());
        }
    }

    /** Whether the login user is root ({@code id -u} is 0). */
    private record RootLogin(boolean root) {
    }

    private final ProvisioningContext ctx;
    private final boolean root;

    private LinuxShell(ProvisioningContext ctx, boolean root) {
        this.ctx = ctx;
        this.root = root;
    }

    static LinuxShell of(ProvisioningContext ctx) {
        boolean root = ctx.store().computeIfAbsent(RootLogin.class, () -> {
            CommandResult id = ctx.connection().probe("id -u", ctx.timeouts().command());
            return new RootLogin(id.succeeded() && id.out().equals("0"));
        }).root();
        return new LinuxShell(ctx, root);
    }

    /** Drops what is remembered about how root is reached (after prepare changed the host's sudo rules). */
    static void forget(ProvisioningContext ctx) {
        ctx.store().remove(Access.class);
    }

    /** Whether the login user is root, so commands run without sudo. */
    boolean root() {
        return root;
    }

    /** How this login gets root; asks the host the first time. */
    Access access() {
        if (root) {
            return new Access(Privilege.ROOT, "", false);
        }
        return ctx.store().computeIfAbsent(Access.class, this::detect);
    }

    Privilege privilege() {
        return access().privilege();
    }

    private Access detect() {
        CommandResult sudo = probe("sudo -n true");
        if (sudo.succeeded()) {
            return new Access(Privilege.SUDO, "", false);
        }
        if (sudo.exitCode() == 127) {
            return new Access(Privilege.NONE, sudo.combinedOutput(), true);
        }
        CommandResult helper = probe(helperCommand(RootOp.CHECK.helperName()));
        String first = helper.out().lines().findFirst().orElse("");
        String pin = first.startsWith("mesh-root ") ? first.substring("mesh-root ".length()).strip() : "";
        return helper.succeeded() && !pin.isEmpty()
                ? new Access(Privilege.HELPER, sudo.combinedOutput(), false, pin, RootHelper.Pins.parse(helper.out()))
                : new Access(Privilege.NONE, sudo.combinedOutput(), false);
    }

    /** {@code sudo -n HELPER ARGS...}, every argument quoted. */
    static String helperCommand(String... args) {
        return "sudo -n " + RootHelper.PATH + Arrays.stream(args).map(a -> " " + q(a)).collect(Collectors.joining());
    }

    /**
     * {@code command} in the form this login runs it as root.
     *
     * @throws StepFailedException with {@link FailureReason#SUDO_PASSWORD_REQUIRED} when sudo asks for a
     *         password, {@link FailureReason#PREFLIGHT_FAILED} when there is no sudo at all
     */
    String command(RootCommand command) {
        Access access = access();
        return switch (access.privilege()) {
            case ROOT -> command.asRoot();
            case SUDO -> command.withSudo();
            case HELPER -> helperCommand(helperArgs(command));
            case NONE -> throw noRoot(access);
        };
    }

    private static String[] helperArgs(RootCommand command) {
        String[] args = new String[command.helperArgs().size() + 1];
        args[0] = command.op().helperName();
        for (int i = 0; i < command.helperArgs().size(); i++) {
            args[i + 1] = command.helperArgs().get(i);
        }
        return args;
    }

    /** Why root commands cannot run, with the way out. */
    static StepFailedException noRoot(Access access) {
        if (access.sudoMissing()) {
            return new StepFailedException(FailureReason.PREFLIGHT_FAILED, "sudo is not installed on the host: "
                    + access.sudoOutput(), "Install sudo on the host, or provision it as root.");
        }
        return new StepFailedException(FailureReason.SUDO_PASSWORD_REQUIRED, access.sudoOutput());
    }

    /** Runs {@code command} as root with the ordinary timeout. */
    CommandResult run(RootCommand command) {
        return run(command(command));
    }

    CommandResult run(RootCommand command, Duration timeout) {
        return run(command(command), timeout);
    }

    /** Runs with the ordinary command timeout. */
    CommandResult run(String command) {
        return run(command, ctx.timeouts().command());
    }

    CommandResult run(String command, Duration timeout) {
        return ctx.connection().run(command, timeout);
    }

    /**
     * Runs a command that only reads, needs no input and starts nothing that outlives it, with the
     * ordinary timeout: mesh may run it in the host's shared shell ({@link dev.mesh.api.SharedShell}).
     */
    CommandResult probe(String command) {
        return ctx.connection().probe(command, ctx.timeouts().command());
    }

    /** {@link #probe(String)} of a root command that only reads. */
    CommandResult probe(RootCommand command) {
        return probe(command(command));
    }

    CommandResult probe(String command, Duration timeout) {
        return ctx.connection().probe(command, timeout);
    }

    /** Runs with {@code stdin} on the command's standard input (nothing when empty). */
    CommandResult run(String command, byte[] stdin, Duration timeout) {
        return stdin.length == 0 ? run(command, timeout) : ctx.connection().run(command, stdin, timeout);
    }

    /** Shorthand for {@link Quoting#sh}: every interpolated value goes through it. */
    static String q(String value) {
        return Quoting.sh(value);
    }
}
