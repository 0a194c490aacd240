package dev.mesh.core.ssh;

import dev.mesh.core.provision.HeldCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;

/**
 * A remote command on its own exec channel whose standard input stays open until {@link #close()}
 * ({@link SshConnection#hold}). Closing sends EOF; a command that has not exited
 * {@link RemoteCommand#TERM_GRACE} later gets TERM then KILL ({@link ChannelSignal}), and the channel is
 * closed. If mesh dies instead, its TCP connection closes, sshd closes the command's input and the
 * command sees EOF: that is what ties the host lock to the run. Output is kept up to
 * {@link #OUTPUT_LIMIT} bytes per stream; such a command prints a few short lines.
 */
final class HeldChannel implements HeldCommand {
    /** Bytes kept of each stream: the held command prints status lines, nothing more. */
    static final int OUTPUT_LIMIT = 4096;

    private final ClientSession session;
    private final ChannelExec channel;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Lines out = new Lines(lines);
    private final Lines err = new Lines(null);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean released;

    private HeldChannel(ClientSession session, String command) throws IOException {
        this.session = session;
        this.channel = session.createExecChannel(command);
        channel.setOut(out);
        channel.setErr(err);
        channel.addCloseFutureListener(f -> closed.complete(null));
    }

    /** Opens the channel within {@code timeout}; the command then runs until {@link #close()}. */
    static HeldChannel start(ClientSession session, String command, Duration timeout) throws IOException {
        HeldChannel held = new HeldChannel(session, command);
        try {
            held.channel.open().verify(timeout, CancelOption.CANCEL_ON_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            held.channel.close(true);
            throw e;
        }
        return held;
    }

    @Override
    public Optional<String> nextLine(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)),
                        TimeUnit.MILLISECONDS);
                if (line != null) {
                    return Optional.of(line);
                }
                if (closed.isDone()) { // the last line may have come without a line end
                    return Optional.ofNullable(lines.poll()).or(out::rest);
                }
                if (System.nanoTime() >= end) {
                    return Optional.empty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String output() {
        return (out.text() + err.text()).strip();
    }

    @Override
    public void close() {
        if (released) {
            return;
        }
        released = true;
        boolean interrupted = Thread.interrupted(); // the release must happen even on a stopping thread
        try {
            try {
                OutputStream stdin = channel.getInvertedIn();
                if (stdin != null) {
                    stdin.close();
                }
            } catch (IOException e) {
                // the channel is already gone: nothing left to end
            }
            if (!RemoteCommand.awaitClosed(closed, RemoteCommand.TERM_GRACE) && ChannelSignal.trySend(session, channel, "TERM")
                    && !RemoteCommand.awaitClosed(closed, RemoteCommand.TERM_GRACE)) {
                ChannelSignal.trySend(session, channel, "KILL");
                RemoteCommand.awaitClosed(closed, RemoteCommand.KILL_GRACE);
            }
            channel.close(true);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One output stream: kept up to {@link #OUTPUT_LIMIT} bytes, complete lines handed to {@code lines}. */
    private static final class Lines extends OutputStream {
        private final LinkedBlockingQueue<String> lines;
        private final ByteArrayOutputStream all = new ByteArrayOutputStream();
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        Lines(LinkedBlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (all.size() >= OUTPUT_LIMIT) {
                return;
            }
            all.write(b);
            if (lines == null) {
                return;
            }
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8).replace("\r", ""));
                current.reset();
            } else {
                current.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }

        synchronized Optional<String> rest() {
            String text = current.toString(StandardCharsets.UTF_8).replace("\r", "");
            current.reset();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }

        synchronized String text() {
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
