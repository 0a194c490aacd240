package dev.mesh.api.tailscale;

import dev.mesh.api.CommandResult;
import java.time.Duration;
import java.util.List;

/**
 * How one OS runs the Tailscale CLI: where it is, with which privilege, how arguments are quoted.
 * The only Tailscale knowledge a plugin has to supply; {@link Tailscale} does the rest.
 */
@FunctionalInterface
public interface TailscaleCli {

    /**
     * Runs {@code tailscale ARGS...} on the host as an account that may drive tailscaled (root or an
     * administrator where the command needs it), each argument quoted for the host's shell.
     *
     * @param args    the CLI's arguments, e.g. {@code [status, --json]}; never a secret
     * @param stdin   bytes for the command's standard input, empty for none. {@code up} gets the auth
     *                key here and reads it through {@link TailscaleArguments#AUTH_KEY_FROM_STDIN}; an OS
     *                whose CLI cannot read {@code /dev/stdin} must bound any file it uses instead
     * @param timeout how long the command may run
     * @return the exit status and output; a non-zero exit is a result, not an exception
     * @throws dev.mesh.api.TransportException when the connection fails
     */
    CommandResult run(List<String> args, byte[] stdin, Duration timeout);

    /**
     * As {@link #run} without input, for a CLI command that only reads ({@code status}, {@code version},
     * {@code debug prefs}): an OS may run it as a probe ({@link dev.mesh.api.RemoteConnection#probe}).
     * Since SPI 2.2; by default {@code run}.
     */
    default CommandResult probe(List<String> args, Duration timeout) {
        return run(args, new byte[0], timeout);
    }
}
