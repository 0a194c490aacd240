package dev.mesh.core.ssh;

import dev.mesh.core.provision.HostConnection;
import dev.mesh.api.CommandResult;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;

/**
 * One authenticated SSH session to one host. Every {@link #run} opens its own exec channel on the
 * shared session, so many commands (also concurrently) use a single TCP connection. Closing the
 * connection ends the session.
 */
public final class SshConnection implements HostConnection {
    private final TargetHost host;
    private final ClientSession session;

    SshConnection(TargetHost host, ClientSession session) {
        this.host = host;
        this.session = session;
    }

    @Override
    public TargetHost host() {
        return host;
    }

    /** The MINA session, for tests and for mesh-core code that needs more than commands and uploads. */
    ClientSession session() {
        return session;
    }

    /** Whether the underlying session is still usable. */
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        return run(command, null, timeout);
    }

    @Override
    public CommandResult run(String command, byte[] input, Duration timeout) {
        Objects.requireNonNull(command, "command");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        requireOpen();
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChannelExec channel = null;
        try {
            channel = session.createExecChannel(command);
            channel.setOut(out);
            channel.setErr(err);
            try {
                channel.open().verify(timeout, CancelOption.CANCEL_ON_TIMEOUT);
            } catch (IOException e) {
                if (ConnectFailure.isTimeout(e) && session.isOpen()) {
                    return timedOut(channel, out, err);
                }
                throw e;
            }
            OutputStream stdin = channel.getInvertedIn();
            if (stdin != null) {
                try {
                    if (input != null) {
                        stdin.write(input);
                        stdin.flush();
                    }
                    stdin.close(); // then EOF: a command reading stdin never waits forever
                } catch (IOException e) {
                    if (!session.isOpen()) {
                        throw e;
                    }
                    // The command finished (channel closed) without reading its input: its result still counts.
                }
            }
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), left);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                return timedOut(channel, out, err);
            }
            Integer status = channel.getExitStatus();
            if (status == null && !session.isOpen()) {
                throw new TransportException("Lost the SSH connection to " + host.display() + " while a command ran");
            }
            return new CommandResult(status == null ? -1 : status, text(out), text(err), false);
        } catch (IOException e) {
            throw new TransportException("Cannot run a command on " + host.display() + ": "
                    + ConnectFailure.rootMessage(e), e);
        } finally {
            if (channel != null) {
                channel.close(false);
            }
        }
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
        requireOpen();
        try {
            SftpUpload.write(session, content, path, mode);
        } catch (IOException | RuntimeException e) {
            throw new TransportException("Cannot upload " + path + " (mode " + Integer.toOctalString(mode) + ") to "
                    + host.display() + " over SFTP: " + ConnectFailure.rootMessage(e), e);
        }
    }

    @Override
    public void close() {
        session.close(false).awaitUninterruptibly(Duration.ofSeconds(5).toMillis());
    }

    private void requireOpen() {
        if (!session.isOpen()) {
            throw new TransportException("The SSH connection to " + host.display() + " is closed");
        }
    }

    private static CommandResult timedOut(ChannelExec channel, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        channel.close(true);
        return new CommandResult(-1, text(out), text(err), true);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
