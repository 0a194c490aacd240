package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.RemoteConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Runs one step's commands on the host and knows whether they need {@code sudo -n}: not when the
 * login user is root ({@code id -u} prints 0). Whether a connection is root is asked once and
 * remembered while the connection lives, so later steps do not ask again; a connection this class
 * has not seen is simply asked.
 */
final class LinuxShell {
    private static final Map<RemoteConnection, Boolean> ROOT = Collections.synchronizedMap(new WeakHashMap<>());

    private final ProvisioningContext ctx;
    private final boolean root;

    private LinuxShell(ProvisioningContext ctx, boolean root) {
        this.ctx = ctx;
        this.root = root;
    }

    static LinuxShell of(ProvisioningContext ctx) {
        RemoteConnection connection = ctx.connection();
        Boolean root = ROOT.get(connection);
        if (root == null) {
            CommandResult id = connection.run("id -u", ctx.timeouts().command());
            root = id.succeeded() && id.out().equals("0");
            ROOT.put(connection, root);
        }
        return new LinuxShell(ctx, root);
    }

    /** Whether the login user is root, so commands run without sudo. */
    boolean root() {
        return root;
    }

    /**
     * {@code command} run as root: prefixed with {@code sudo -n} (never prompts) unless the login
     * user is root. A leading {@code VAR=value} works both ways: sudo and sh both read it as an
     * environment assignment.
     */
    String asRoot(String command) {
        return root ? command : "sudo -n " + command;
    }

    /** Runs with the ordinary command timeout. */
    CommandResult run(String command) {
        return run(command, ctx.timeouts().command());
    }

    CommandResult run(String command, Duration timeout) {
        return ctx.connection().run(command, timeout);
    }

    /** Shorthand for {@link Quoting#sh}: every interpolated value goes through it. */
    static String q(String value) {
        return Quoting.sh(value);
    }

    /** The last lines of a command's output, for failure details. */
    static String tail(CommandResult result) {
        String[] lines = result.combinedOutput().split("\\R");
        int from = Math.max(0, lines.length - 25);
        String tail = String.join("\n", Arrays.copyOfRange(lines, from, lines.length));
        String prefix = from > 0 ? "...\n" : "";
        String exit = result.timedOut() ? "" : "\n(exit status " + result.exitCode() + ")";
        return (prefix + tail).strip() + exit;
    }
}
