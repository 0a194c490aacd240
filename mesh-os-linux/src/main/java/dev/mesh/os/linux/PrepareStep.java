package dev.mesh.os.linux;

import static dev.mesh.os.linux.LinuxShell.q;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import java.io.UncheckedIOException;
import dev.mesh.api.tailscale.NodePreferences;
import dev.mesh.api.tailscale.PreferencePlan;
import dev.mesh.api.tailscale.TailscalePreferences;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PREPARING ({@code mesh remote prepare}): with the account's sudo password, installs the root
 * helper ({@link RootHelper}) and one sudoers rule allowing only it ({@link SudoRules}), so later
 * runs need no password and get no root shell. The helper pins ({@link RootHelper.Pins}) this run's
 * login server and the Tailscale preference flags later runs may pass: the ones this run wants,
 * the ones the node already has (read now, with the password, so that later runs can keep them),
 * and with reset the defaults. The password goes only to {@code sudo -S} on standard input. Running
 * it again changes nothing and says so.
 */
final class PrepareStep {
    /**
     * Runs as root with the uploaded helper ($1) and sudoers file ($2): copies the rules root-owned,
     * mode 0440, next to their place under a name with a dot (which sudo ignores) and checks them
     * there with {@code visudo -cf} before anything is installed; installs the helper and then the
     * rules, each by rename (atomic); removes the seed's wildcard rules; checks the whole
     * configuration with {@code visudo -c} (putting the previous rules back if that fails); always
     * removes the uploaded files. Prints {@code mesh-prepare: changed} or {@code mesh-prepare: unchanged}.
     */
    static final String INSTALL_SCRIPT = String.join("\n",
            "set -u",
            "exec </dev/null",
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "umask 022",
            "helper_src=$1 rules_src=$2",
            "dir=" + RootHelper.DIR + " helper=" + RootHelper.PATH,
            "rules=" + SudoRules.PATH + " legacy=" + SudoRules.LEGACY_PATH,
            "trap 'rm -f \"$helper_src\" \"$rules_src\" \"$helper.mesh-new\" \"$rules.mesh-new\" \"$rules.mesh-old\"' EXIT",
            "fail() { echo \"mesh-prepare: $*\" >&2; exit 1; }",
            "install -o root -g root -m 0440 \"$rules_src\" \"$rules.mesh-new\" || fail \"cannot write $rules.mesh-new\"",
            "visudo -cqf \"$rules.mesh-new\" || fail \"the sudo rules do not pass visudo -c; nothing was installed\"",
            "changed=unchanged",
            "cmp -s \"$helper_src\" \"$helper\" || changed=changed",
            "cmp -s \"$rules_src\" \"$rules\" || changed=changed",
            "install -d -o root -g root -m 0755 \"$dir\" || fail \"cannot create $dir\"",
            "install -o root -g root -m 0755 \"$helper_src\" \"$helper.mesh-new\" && mv -f \"$helper.mesh-new\" \"$helper\""
                    + " || fail \"cannot install $helper\"",
            "[ ! -e \"$rules\" ] || cp -p \"$rules\" \"$rules.mesh-old\" || fail \"cannot back up $rules\"",
            "mv -f \"$rules.mesh-new\" \"$rules\" || fail \"cannot install $rules\"",
            "if ! visudo -cq; then",
            "  if [ -e \"$rules.mesh-old\" ]; then mv -f \"$rules.mesh-old\" \"$rules\"; else rm -f \"$rules\"; fi",
            "  fail \"visudo -c fails with the new rules in place; they were taken out again\"",
            "fi",
            "if [ -e \"$legacy\" ]; then",
            "  rm -f \"$legacy\" && echo \"mesh-prepare: removed $legacy\" && changed=changed",
            "fi",
            "echo \"mesh-prepare: $changed\"");

    /** Prints the node's preferences when Tailscale is installed and tailscaled answers; nothing otherwise. */
    static final String CURRENT_PREFS = "exec </dev/null; t=$(command -v tailscale) || exit 0; \"$t\" debug prefs 2>/dev/null || true";

    /** How sudo -S says the password was wrong. */
    private static final List<String> WRONG_PASSWORD = List.of("incorrect password", "Sorry, try again");

    private PrepareStep() {
    }

    static boolean run(ProvisioningContext ctx, Secret password) {
        LinuxShell shell = LinuxShell.of(ctx);
        if (shell.root()) {
            ctx.listener().info("Logged in as root: mesh runs its commands as root directly, there is nothing to prepare");
            return false;
        }
        String rules = SudoRules.forUser(ctx.host().user());
        byte[] stdin = (password.reveal() + "\n").getBytes(StandardCharsets.UTF_8);
        checkPassword(ctx, password, stdin);
        RootHelper.Script helper = helper(ctx, pins(ctx, stdin));
        String helperFile = TempPath.unique("mesh-prepare-helper-", "");
        String rulesFile = TempPath.unique("mesh-prepare-sudoers-", "");
        CommandResult install;
        UploadedFile.register(ctx, helperFile, "uploaded helper");
        UploadedFile.register(ctx, rulesFile, "uploaded sudo rules");
        try {
            ctx.connection().upload(helper.bytes(), helperFile, 0600);
            ctx.connection().upload(rules.getBytes(StandardCharsets.UTF_8), rulesFile, 0600);
            install = ctx.connection().run(installCommand(helperFile, rulesFile), stdin, ctx.timeouts().command());
        } finally {
            UploadedFile.remove(shell, helperFile, "uploaded helper", ctx);
            UploadedFile.remove(shell, rulesFile, "uploaded sudo rules", ctx);
        }
        String out = install.stdout();
        if (!install.succeeded() || !out.contains("mesh-prepare: ")) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, scrub(install.tail(), password));
        }
        if (out.contains("mesh-prepare: removed " + SudoRules.LEGACY_PATH)) {
            ctx.listener().ok("Removed " + SudoRules.LEGACY_PATH + " (older wildcard rules that amounted to full root)");
        }
        boolean changed = out.contains("mesh-prepare: changed");
        verify(shell, helper, ctx);
        ctx.listener().ok((changed ? "Installed " : "Already prepared: ") + RootHelper.PATH + " and " + SudoRules.PATH
                + " (checked with visudo): " + ctx.host().user() + " may run only mesh's root helper without a password");
        return changed;
    }

    /** {@code sudo -S -p '' sh -c INSTALL_SCRIPT mesh-prepare HELPER RULES}: the password is read from stdin. */
    static String installCommand(String helperFile, String rulesFile) {
        return "sudo -S -p '' sh -c " + q(INSTALL_SCRIPT) + " mesh-prepare " + q(helperFile) + " " + q(rulesFile);
    }

    /**
     * What the helper will allow: the login server ({@code ""} when this run has none, with a warning:
     * the helper then lets {@code up} use any http(s) server), and the preference flags.
     */
    static RootHelper.Pins pins(ProvisioningContext ctx, byte[] passwordInput) {
        String server = ctx.loginServer() == null ? "" : ctx.loginServer().toString();
        if (server.isEmpty()) {
            ctx.listener().warn("No login server given to prepare: the helper will let tailscale up use any http(s)"
                    + " login server. Prepare with the login server to pin it.");
        }
        TailscalePreferences wanted = ctx.preferences();
        Set<String> flags = new LinkedHashSet<>(wanted.flags());
        Map<String, String> current = currentPreferences(ctx, passwordInput);
        current.forEach((flag, value) -> flags.add(NodePreferences.flag(flag, value)));
        if (wanted.reset()) {
            NodePreferences.defaults("linux").forEach((flag, value) -> flags.add(NodePreferences.flag(flag, value)));
        }
        if (!current.isEmpty()) {
            ctx.listener().info("The node has preferences of its own; the helper lets later runs keep them: "
                    + ctx.redact(PreferencePlan.describe(current)));
        }
        return new RootHelper.Pins(server, List.copyOf(flags), wanted.reset(), ctx.settings(LinuxSettings.class)
                .userspaceNetworking(), "");
    }

    /** The node's own preferences ({@code tailscale debug prefs} as root, with the password); none without Tailscale. */
    private static Map<String, String> currentPreferences(ProvisioningContext ctx, byte[] passwordInput) {
        CommandResult r = ctx.connection().run("sudo -S -p '' sh -c " + q(CURRENT_PREFS), passwordInput,
                ctx.timeouts().command());
        if (!r.succeeded() || r.out().isEmpty()) {
            return Map.of();
        }
        try {
            return NodePreferences.fromJson(ctx.parseJsonObject(r.stdout()), "linux", Optional.empty()).nonDefault();
        } catch (IllegalArgumentException notJson) {
            ctx.listener().warn("Could not read the node's preferences (tailscale debug prefs): the helper allows only"
                    + " the ones this run wants");
            return Map.of();
        }
    }

    private static RootHelper.Script helper(ProvisioningContext ctx, RootHelper.Pins pins) {
        try {
            return RootHelper.render(ctx.settings(LinuxSettings.class), pins, RootHelper.Layout.HOST);
        } catch (UncheckedIOException e) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, e.getMessage(),
                    "Fix mesh.plugins.linux.install.upload-file: the helper pins the file's sha256 at prepare time.");
        }
    }

    /** {@code sudo -S -p '' -v}: does sudo take this password from this account? */
    private static void checkPassword(ProvisioningContext ctx, Secret password, byte[] stdin) {
        CommandResult v = ctx.connection().run("sudo -S -p '' -v", stdin, ctx.timeouts().command());
        if (v.succeeded()) {
            ctx.listener().ok("sudo accepted the password");
            return;
        }
        String output = scrub(v.combinedOutput(), password);
        if (v.exitCode() == 127) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, "sudo is not installed on the host: " + output,
                    "Install sudo on the host, or provision it as root.");
        }
        if (WRONG_PASSWORD.stream().anyMatch(output::contains)) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, "sudo rejected the password",
                    "Check the sudo password of " + ctx.host().user() + " on the host.");
        }
        throw new StepFailedException(FailureReason.PREPARE_FAILED, "sudo refused: " + output);
    }

    /** The rules are in place: the helper must now answer {@code check} without a password. */
    private static void verify(LinuxShell shell, RootHelper.Script helper, ProvisioningContext ctx) {
        LinuxShell.forget(ctx);
        CommandResult check = shell.run(LinuxShell.helperCommand(RootOp.CHECK.helperName()));
        if (!check.succeeded() || !check.out().lines().findFirst().orElse("").equals("mesh-root " + helper.pin())) {
            throw new StepFailedException(FailureReason.PREPARE_FAILED, "the rules are installed, but `"
                    + LinuxShell.helperCommand(RootOp.CHECK.helperName()) + "` answers:\n" + check.tail(),
                    "Check that /etc/sudoers includes /etc/sudoers.d (@includedir /etc/sudoers.d).");
        }
    }

    private static String scrub(String text, Secret password) {
        return text.replace(password.reveal(), "****");
    }
}
