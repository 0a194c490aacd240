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

    /** Why {@link #tryRun} did not run a probe, so the caller runs it on a channel of its own. */
    static final Optional<RemoteCommand.Outcome> NOT_RUN = Optional.empty();

    /**
     * One started shell: its channel, the future its close completes, its two framed streams and
     * marker. Whatever a close listener or {@link #stop} does applies to this shell only.
     */
    private record Shell(ChannelExec channel, CompletableFuture<Void> closed, FramedOutput out, FramedOutput err,
                         String marker) {
    }

    private final ClientSession session;
    private final SharedShell protocol;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile Shell shell;
    /** The running probe's end, completed by its markers, its shell's end, or its output budget. */
    private volatile CompletableFuture<RemoteCommand.End> current;
    private volatile boolean stopped;
    private volatile boolean hostUnresponsive;
    /**
     * Whether a shell on this connection has answered a probe: the host can run one. Until then a shell
     * that ends or stays silent is not asked for again; after, a shell that ends (its probe killed it)
     * is replaced.
     */
    private boolean answered;
    private volatile boolean unusable;

    ShellChannel(ClientSession session, SharedShell protocol) {
        this.session = session;
        this.protocol = protocol;
    }

    /**
     * Runs {@code command} in the shell, starting one when there is none.
     *
     * @return {@link #NOT_RUN} when the shell is busy with another probe, or could not start, or ended
     *         before the probe did while the connection stays up (a probe may then have run partly: probes
     *         only read): the caller runs the probe on a channel of its own
     * @throws InterruptedIOException when the calling thread is interrupted while the shell starts
     * @throws IOException when the connection fails
     */
    Optional<RemoteCommand.Outcome> tryRun(String command, Duration timeout) throws IOException {
        if (unusable || !busy.tryLock()) {
            return NOT_RUN;
        }
        try {
            stopped = false;
            CompletableFuture<RemoteCommand.End> finished = new CompletableFuture<>();
            current = finished; // from here on stop() ends this probe, also while its shell starts
            return run(command, timeout, finished);
        } finally {
            current = null;
            busy.unlock();
        }
    }

    private Optional<RemoteCommand.Outcome> run(String command, Duration timeout,
                                                CompletableFuture<RemoteCommand.End> finished) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Shell sh = shell;
        if (sh == null || sh.closed().isDone()) {
            sh = start(timeout, finished);
            if (sh == null) {
                return stopped ? stoppedOutcome(command, "", "") : NOT_RUN;
            }
        }
        CompletableFuture<Integer> status = new CompletableFuture<>();
        CompletableFuture<Integer> errEnded = new CompletableFuture<>();
        CappedOutput.Budget budget = new CappedOutput.Budget(() -> finished.complete(RemoteCommand.End.OUTPUT_LIMIT));
        CappedOutput stdout = new CappedOutput(budget);
        CappedOutput stderr = new CappedOutput(budget);
        sh.out().expect(stdout, status::complete);
        sh.err().expect(stderr, errEnded::complete);
        status.thenCombine(errEnded, (s, e) -> s).thenRun(() -> finished.complete(RemoteCommand.End.EXITED));
        if (sh.closed().isDone()) {
            finished.complete(RemoteCommand.End.EXITED);
        }
        LOG.debug("shared shell runs [{}]", LiveSecrets.scrub(command));
        if (!send(sh, protocol.frame(command, sh.marker()))) {
            return stopped ? stoppedOutcome(command, stdout.text(), stderr.text()) : NOT_RUN;
        }
        RemoteCommand.End end;
        // Until a shell has answered on this connection, the probe's shell gets half the probe's time: one that
        // neither answers nor exits (a login shell waiting for its input to end, a forced command) is
        // then given up for the connection, and the probe gets the other half on a channel of its own
        boolean untried = !answered;
        long wait = deadline - System.nanoTime();
        try {
            end = finished.get(Math.max(1, untried ? wait / 2 : wait), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (untried && !stopped) {
                endShell(sh);
                unusable = true;
                LOG.debug("shared shell gave no answer within half of [{}]'s time; not used again", LiveSecrets.scrub(command));
                return NOT_RUN;
            }
            end = RemoteCommand.End.TIMED_OUT;
        } catch (InterruptedException e) {
            end = RemoteCommand.End.INTERRUPTED;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (stopped) {
            return stoppedOutcome(command, stdout.text(), stderr.text());
        }
        String quoted = RemoteCommand.quoted(command);
        if (end != RemoteCommand.End.EXITED) {
            endShell(sh);
            if (end == RemoteCommand.End.INTERRUPTED) {
                Thread.currentThread().interrupt(); // the caller's interrupt stays visible
            }
            return Optional.of(RemoteCommand.outcome(end, -1, end == RemoteCommand.End.TIMED_OUT,
                    RemoteCommand.note(end, quoted, timeout, budget.limit(), hostUnresponsive), stdout.text(), stderr.text()));
        }
        if (!status.isDone()) { // the shell ended first
            shell = null;
            unusable |= !answered; // it never answered (no /bin/sh?): every probe gets a channel of its own from now on
            return session.isOpen() ? NOT_RUN
                    : Optional.of(RemoteCommand.outcome(RemoteCommand.End.EXITED, -1, false, null, stdout.text(), stderr.text()));
        }
        answered = true;
        return Optional.of(RemoteCommand.outcome(RemoteCommand.End.EXITED, status.join(), false, null,
                stdout.text(), stderr.text()));
    }

    private Optional<RemoteCommand.Outcome> stoppedOutcome(String command, String stdout, String stderr) {
        return Optional.of(RemoteCommand.outcome(RemoteCommand.End.STOPPED, -1, false,
                "mesh stopped " + RemoteCommand.quoted(command) + " on the host", stdout, stderr));
    }

    /**
     * Starts a shell; null when the host would not (it refused the channel: the probe then runs on its
     * own channel, and so does every later one) or {@link #stop} came first.
     */
    private Shell start(Duration timeout, CompletableFuture<RemoteCommand.End> finished) throws IOException {
        String marker = "mesh" + HexFormat.of().formatHex(randomBytes());
        ChannelExec channel = session.createExecChannel(protocol.shellCommand());
        FramedOutput out = new FramedOutput(marker, true);
        FramedOutput err = new FramedOutput(marker, false);
        channel.setOut(out);
        channel.setErr(err);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Shell started = new Shell(channel, closed, out, err, marker);
        channel.addCloseFutureListener(f -> {
            closed.complete(null);
            CompletableFuture<RemoteCommand.End> running = current;
            if (running != null && shell == started) {
                running.complete(RemoteCommand.End.EXITED);
            }
        });
        shell = started;
        try {
            channel.open().verify(timeout, CancelOption.CANCEL_ON_TIMEOUT);
        } catch (InterruptedIOException e) {
            channel.close(true);
            shell = null;
            throw e;
        } catch (IOException e) {
            channel.close(true);
            shell = null;
            if (!session.isOpen()) {
                throw e;
            }
            unusable = true; // refused (MaxSessions, a forced command): not asked again on this connection
            return null;
        }
        if (stopped || finished.isDone()) {
            endShell(started);
            return null;
        }
        return started;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Writes a probe's frame to the shell; false when the shell no longer reads (it ended). */
    private boolean send(Shell sh, String frame) throws IOException {
        OutputStream stdin = sh.channel().getInvertedIn();
        try {
            stdin.write(frame.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            if (!session.isOpen()) {
                throw e;
            }
            endShell(sh);
            unusable |= !answered; // the shell ended at once (no /bin/sh?): never tried again on this connection
            return false;
        }
    }

    private void endShell(Shell sh) {
        hostUnresponsive |= RemoteCommand.end(session, sh.channel(), sh.closed());
        if (shell == sh) {
            shell = null;
        }
    }

    /**
     * Ends the probe running now, if any, with its shell (TERM, then KILL); its {@link #tryRun} returns
     * {@link RemoteCommand.End#STOPPED}. Callable from any thread.
     */
    void stop() {
        CompletableFuture<RemoteCommand.End> running = current;
        if (running == null) {
            return;
        }
        stopped = true;
        Shell sh = shell;
        if (sh != null) {
            hostUnresponsive |= RemoteCommand.end(session, sh.channel(), sh.closed());
        }
        running.complete(RemoteCommand.End.STOPPED);
    }

    /**
     * Ends an idle shell (for a command that needs a channel the host will not open while the shell
     * holds one: sshd's MaxSessions); false when a probe is running in it.
     */
    boolean closeIdle() {
        if (!busy.tryLock()) {
            return false;
        }
        try {
            Shell sh = shell;
            if (sh == null) {
                return false;
            }
            // gracefully: once the host's close has come back, sshd has freed the channel's slot
            sh.channel().close(false).awaitUninterruptibly(SshConnection.CLOSE_WAIT.toMillis());
            shell = null;
            unusable = true; // the host's session slots are scarce: probes take channels of their own from now on
            return true;
        } finally {
            busy.unlock();
        }
    }

    /**
     * Whether {@code other} starts the same shell and frames probes as this one's protocol does (two
     * plugins' POSIX defaults, say). A protocol that throws speaks differently.
     */
    boolean speaks(SharedShell other) {
        try {
            return protocol.shellCommand().equals(other.shellCommand())
                    && protocol.frame("true", "M0").equals(other.frame("true", "M0"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the host did not close the shell's channel even after KILL. */
    boolean hostUnresponsive() {
        return hostUnresponsive;
    }
}
