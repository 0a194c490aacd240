package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.exec.LocalResult;
import java.time.Duration;
import java.util.List;

/**
 * Runs the headscale CLI somewhere: on this machine ({@link LocalHeadscaleCommand}, Commons Exec) or
 * on the Headscale server over SSH ({@link SshHeadscaleCommand}), as {@code [sudo -n] PREFIX args...}
 * where PREFIX is {@code mesh.headscale.command} ({@code headscale}, or e.g. {@code docker exec
 * headscale headscale}). {@link HeadscaleCliKeySource} holds the CLI logic (versions, flags, output)
 * and is the same for both.
 */
public interface HeadscaleCommand {

    /**
     * Runs {@code [sudo -n] PREFIX args...} within {@link #timeout()}. A call that runs and fails, or
     * is killed at the timeout, is a result, not an exception.
     *
     * @param args never a secret
     * @throws AuthKeyException when the CLI cannot be started at all (not installed, host unreachable)
     */
    LocalResult run(List<String> args) throws AuthKeyException;

    /**
     * As {@link #run(List)} with {@code secret} as the last argument, for the one call whose CLI takes
     * a key only as an argument ({@code preauthkeys expire --user U KEY}, Headscale 0.27 and older). It
     * never appears in a shell command line, a log or a message; the headscale process's own argument
     * list does hold it while it runs (on the Headscale server; see ARCHITECTURE.md).
     */
    LocalResult runWithSecret(List<String> args, Secret secret) throws AuthKeyException;

    /** Whether calls run under {@code sudo -n}. */
    boolean sudo();

    /** The time limit of one call. */
    Duration timeout();

    /** What is run for {@code args}, for messages: {@code sudo -n docker exec headscale headscale version}. */
    String display(List<String> args);
}
