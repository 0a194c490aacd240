package dev.mesh.core.authkey;

import dev.mesh.core.exec.LocalResult;
import java.time.Duration;
import java.util.List;

/**
 * Runs the headscale CLI somewhere: on this machine ({@link LocalHeadscaleCommand}, Commons Exec) or
 * on the Headscale server over SSH ({@link SshHeadscaleCommand}). {@link HeadscaleCliKeySource}
 * holds the CLI logic (versions, flags, output) and is the same for both.
 */
public interface HeadscaleCommand {

    /**
     * Runs {@code [sudo -n] headscale args...} within {@link #timeout()}. A call that runs and fails, or
     * is killed at the timeout, is a result, not an exception.
     *
     * @param args never a secret
     * @throws AuthKeyException when the CLI cannot be started at all (not installed, host unreachable)
     */
    LocalResult run(List<String> args) throws AuthKeyException;

    /** Whether calls run under {@code sudo -n}. */
    boolean sudo();

    /** The time limit of one call. */
    Duration timeout();
}
