package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.Optional;

/**
 * Finds Homebrew. A non-interactive SSH session often lacks it on PATH (its shellenv is set up in
 * interactive profiles), so the two standard prefixes are tried too: /opt/homebrew (Apple silicon)
 * and /usr/local (Intel).
 */
final class Homebrew {
    static final String LOCATE = "if command -v brew; then exit 0; fi;"
            + " for b in /opt/homebrew/bin/brew /usr/local/bin/brew; do if [ -x \"$b\" ]; then echo \"$b\"; exit 0; fi; done; exit 1";

    /** The official one-liner from brew.sh; it asks for the user's password, so a person runs it. */
    static final String INSTALL_COMMAND =
            "/bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\"";

    private Homebrew() {
    }

    /** The brew executable's path from {@link #LOCATE}'s output, or empty. */
    static Optional<String> parse(CommandResult result) {
        String path = result.out().lines().reduce((a, b) -> b).orElse("").strip();
        return result.succeeded() && path.startsWith("/") ? Optional.of(path) : Optional.empty();
    }

    static Optional<String> locate(ProvisioningContext ctx) {
        return parse(ctx.connection().probe(LOCATE, ctx.timeouts().command()));
    }

    static String require(ProvisioningContext ctx, FailureReason reason) {
        return locate(ctx).orElseThrow(() -> missing(ctx, reason));
    }

    static StepFailedException missing(ProvisioningContext ctx, FailureReason reason) {
        return new StepFailedException(reason, "Homebrew is not installed on " + ctx.host().address(),
                "Install Homebrew on the Mac once, in a terminal as an administrator (it asks for the password): "
                        + INSTALL_COMMAND + " — then run mesh again"
                        + (reason == FailureReason.SYNCTHING_INSTALL_FAILED ? " (or rerun with --skip-syncthing)." : "."));
    }
}
