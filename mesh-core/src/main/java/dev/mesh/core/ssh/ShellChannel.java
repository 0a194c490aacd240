package dev.mesh.core.ssh;

import dev.mesh.api.SharedShell;
import dev.mesh.core.text.LiveSecrets;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's shared shell ({@link SharedShell}): one exec channel whose shell runs the connection's
 * probes one at a time. A probe gets the same limits as a command on its own channel
 * ({@link RemoteCommand}): its time limit, {@link CappedOutput.Budget#HARD_LIMIT} bytes of output, an
 * interrupt, {@link #stop}. Reaching one ends the whole shell on the host (TERM, then KILL, to its
 * process group), so the probe with it; the next probe starts a new shell.
 */
final class ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(ShellChannel.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientSession session;
    private final SharedShell protocol;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile ChannelExec channel;
    private volatile CompletableFuture<Void> closed;
    private FramedOutput out;
    private FramedOutput err;
    private String marker;
    /** The running probe's end, completed by its markers, the shell's end, or its output budget. */
    private volatile CompletableFuture<RemoteCommand.End> current;
    private volatile boolean stopped;
    private volatile boolean hostUnresponsive;
    /** Whether the current shell has answered a probe; a shell that dies before its first answer is not tried again. */
    private boolean answered;
    private boolean unusable;

    ShellChannel(ClientSession session, SharedShell protocol) {
        this.session = session;
        this.protocol = protocol;
    }

    /**
     * Runs {@code command} in the shell, starting one when there is none.
     *
     * @return empty when the shell is busy with another probe or could not take this one (it could not
     *         start, or it ended before the probe did while the connection stays up): the caller runs the
     *         probe on a channel of its own
     * @throws IOException when the connection fails
     */
    Optional<RemoteCommand.Outcome> tryRun(String command, Duration timeout) throws IOException {
        if (unusable || !busy.tryLock()) {
            return Optional.empty();
        }
        try {
            return run(command, timeout);
        } finally {
            current = null;
            busy.unlock();
        }
    }

    private Optional<RemoteCommand.Outcome> run(String command, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if ((channel == null || closed.isDone()) && !start(timeout)) {
            return Optional.empty();
        }
        stopped = false;
        CompletableFuture<RemoteCommand.End> finished = new CompletableFuture<>();
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Integer> errEnded = new CompletableFuture<>();
        CappedOutput.Budget budget = new CappedOutput.Budget(() -> finished.complete(RemoteCommand.End.OUTPUT_LIMIT));
        CappedOutput stdout = new CappedOutput(budget);
        CappedOutput stderr = new CappedOutput(budget);
        out.expect(stdout, status::complete);
        err.expect(stderr, errEnded::complete);
        status.thenCombine(errEnded, (s, e) -> s).thenRun(() -> finished.complete(RemoteCommand.End.EXITED));
        current = finished;
        if (closed.isDone()) {
            finished.complete(RemoteCommand.End.EXITED);
        }
        LOG.debug("shared shell runs [{}]", LiveSecrets.scrub(command));
        if (!send(protocol.frame(command, marker))) {
            return Optional.empty();
        }
        RemoteCommand.End end;
        try {
            end = finished.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            end = RemoteCommand.End.TIMED_OUT;
        } catch (InterruptedException e) {
            end = RemoteCommand.End.INTERRUPTED;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        String quoted = RemoteCommand.quoted(command);
        if (end != RemoteCommand.End.EXITED) {
            endShell();
            if (end == RemoteCommand.End.INTERRUPTED) {
                Thread.currentThread().interrupt(); // the caller's interrupt stays visible
            }
            return Optional.of(RemoteCommand.outcome(end, -1, end == RemoteCommand.End.TIMED_OUT,
                    RemoteCommand.note(end, quoted, timeout, budget.limit(), hostUnresponsive), stdout.text(), stderr.text()));
        }
        if (stopped) {
            return Optional.of(RemoteCommand.outcome(RemoteCommand.End.STOPPED, -1, false,
                    "mesh stopped " + quoted + " on the host", stdout.text(), stderr.text()));
        }
        if (!status.isDone()) { // the shell ended first
            channel = null;
            unusable |= !answered; // it never answered (no /bin/sh?): every probe gets a channel of its own from now on
            return session.isOpen() ? Optional.empty()
                    : Optional.of(RemoteCommand.outcome(RemoteCommand.End.EXITED, -1, false, null, stdout.text(), stderr.text()));
        }
        answered = true;
        return Optional.of(RemoteCommand.outcome(RemoteCommand.End.EXITED, status.join(), false, null,
                stdout.text(), stderr.text()));
    }

    /** Starts the shell; false when the host would not (the probe then runs on its own channel). */
    private boolean start(Duration timeout) throws IOException {
        marker = "mesh" + HexFormat.of().formatHex(bytes());
        out = new FramedOutput(marker, true);
        err = new FramedOutput(marker, false);
        ChannelExec shell = session.createExecChannel(protocol.shellCommand());
        shell.setOut(out);
        shell.setErr(err);
        CompletableFuture<Void> shellClosed = new CompletableFuture<>();
        shell.addCloseFutureListener(f -> {
            shellClosed.complete(null);
            CompletableFuture<RemoteCommand.End> running = current;
            if (running != null) {
                running.complete(RemoteCommand.End.EXITED);
            }
        });
        try {
            shell.open().verify(timeout, CancelOption.CANCEL_ON_TIMEOUT);
        } catch (InterruptedIOException e) {
            shell.close(true);
            Thread.currentThread().interrupt();
            throw e;
        } catch (IOException e) {
            shell.close(true);
            if (!session.isOpen()) {
                throw e;
            }
            return false;
        }
        channel = shell;
        closed = shellClosed;
        answered = false;
        return true;
    }

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Writes a probe's frame to the shell; false when the shell no longer reads (it ended). */
    private boolean send(String frame) throws IOException {
        OutputStream stdin = channel.getInvertedIn();
        try {
            stdin.write(frame.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            if (!session.isOpen()) {
                throw e;
            }
            endShell();
            unusable |= !answered; // the shell ended at once (no /bin/sh?): never tried again on this connection
            return false;
        }
    }

    private void endShell() {
        ChannelExec shell = channel;
        if (shell != null) {
            hostUnresponsive |= RemoteCommand.end(session, shell, closed);
            channel = null;
        }
    }

    /**
     * Ends the probe running now, if any, with the shell (TERM, then KILL); its {@link #tryRun} returns
     * {@link RemoteCommand.End#STOPPED}. Callable from any thread.
     */
    void stop() {
        CompletableFuture<RemoteCommand.End> running = current;
        ChannelExec shell = channel;
        if (running == null || shell == null) {
            return;
        }
        stopped = true;
        hostUnresponsive |= RemoteCommand.end(session, shell, closed);
    }

    /** Whether the host did not close the shell's channel even after KILL. */
    boolean hostUnresponsive() {
        return hostUnresponsive;
    }
}
