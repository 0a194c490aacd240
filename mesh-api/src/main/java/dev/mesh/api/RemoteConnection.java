package dev.mesh.api;

import java.time.Duration;

/**
 * An open SSH connection to the target host. mesh-core keeps one connection per host and opens one
 * channel per command, so plugins may call these methods as often as they need to.
 */
public interface RemoteConnection {

    /** The host this connection reaches. */
    TargetHost host();

    /**
     * Runs a command through the remote login shell (sh on Unix, cmd.exe on Windows OpenSSH).
     * Never put a secret in {@code command}: it shows in the remote process list. Send it on the
     * command's standard input instead ({@link #run(String, byte[], Duration)}).
     *
     * @param command the command line, already quoted for the remote shell (see {@link Quoting})
     * @param timeout how long to wait before the command is abandoned and {@code timedOut} is set
     * @return the exit status and output; a non-zero exit is a result, not an exception
     * @throws TransportException when the connection itself fails
     */
    CommandResult run(String command, Duration timeout);

    /**
     * As {@link #run(String, Duration)}, with {@code input} written to the command's standard input
     * and then closed: the way to hand a secret (a sudo password for {@code sudo -S}, an auth key for
     * {@code tailscale up --auth-key=file:/dev/stdin}) to a remote program without putting it on a
     * command line or in a file on the host.
     *
     * @throws TransportException when the connection itself fails, or cannot send input
     */
    CommandResult run(String command, byte[] input, Duration timeout);

    /**
     * As {@link #run(String, Duration)}, for a probe: a command that only reads, needs no standard input
     * and starts nothing that outlives it, so that running it twice is harmless (it may be, see
     * {@link SharedShell}). A plugin with the {@link SharedShell} capability lets mesh run
     * its probes in one shell on one channel, which costs the host far less than a session each (since
     * SPI 2.2; before, and without the capability, this is {@code run}). Since SPI 2.3 the SSH test and
     * the detectors' commands are probes too ({@link OsDetector#sharedShell()}).
     *
     * @throws TransportException when the connection itself fails
     */
    default CommandResult probe(String command, Duration timeout) {
        return run(command, timeout);
    }

    /**
     * Writes {@code content} to {@code path} on the target host over SFTP, creating or truncating
     * the file, and sets its POSIX permission bits to {@code mode} (for example {@code 0600}) before
     * any content is written. On Windows the mode is ignored; restrict the file with an ACL instead.
     * Not for secrets: those go on a command's standard input.
     *
     * @throws TransportException when the upload fails
     */
    void upload(byte[] content, String path, int mode);
}
