package org.example.mesh.freebsd;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;

/**
 * How this login runs commands as root: it is root, or {@code sudo -n}, or {@code doas -n} (both
 * refuse rather than prompt). Found once per host and kept in the run's host store.
 *
 * @param tool {@code root}, {@code sudo} or {@code doas}
 */
record Root(String tool) {

    /** Prints {@code root}, the first of {@code tools} that works without a password, or {@code none}. */
    static String probe(List<String> tools) {
        return "if [ \"$(id -u)\" = 0 ]; then echo root; exit 0; fi; for t in " + String.join(" ", tools) + ";"
                + " do if command -v \"$t\" >/dev/null 2>&1 && \"$t\" -n true 2>/dev/null; then echo \"$t\"; exit 0; fi;"
                + " done; echo none";
    }

    /**
     * This host's way to root, asked once per run.
     *
     * @throws StepFailedException SUDO_PASSWORD_REQUIRED when no tool works without a password
     */
    static Root of(ProvisioningContext ctx) {
        return ctx.store().computeIfAbsent(Root.class, () -> find(ctx));
    }

    private static Root find(ProvisioningContext ctx) {
        List<String> tools = ctx.settings(FreeBsdSettings.class).root();
        String found = ctx.connection().run(probe(tools), ctx.timeouts().command()).out();
        if (found.equals("root") || tools.contains(found)) {
            return new Root(found);
        }
        throw new StepFailedException(FailureReason.SUDO_PASSWORD_REQUIRED, ctx.host().user() + " on " + ctx.host().address()
                + " is not root, and " + String.join(" or ", tools) + " -n true failed",
                "pkg, sysrc and service need root: log in as root, or allow the account without a password"
                        + " (`permit nopass " + ctx.host().user() + "` in /usr/local/etc/doas.conf, or a NOPASSWD rule"
                        + " in /usr/local/etc/sudoers.d/), then run mesh again.");
    }

    /** {@code command} as root. */
    String run(String command) {
        return tool.equals("root") ? command : tool + " -n " + command;
    }
}
