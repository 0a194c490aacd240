package dev.mesh.core.ssh;

import dev.mesh.api.CommandResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.future.CancelOption;

/**
 * One remote command on its own exec channel. When it runs past its time limit, writes more than
 * {@link CappedOutput.Budget#HARD_LIMIT} bytes, or the calling thread is interrupted, or
 * {@link #stop} is called, the command is ENDED on the host, not just abandoned: TERM to its process
 * group ({@link ChannelSignal}), KILL if it is still running after {@link #TERM_GRACE}, and the
 * channel closed at once if the host has not answered {@link #KILL_GRACE} later. Without the
 * signal, closing the channel leaves a command that writes nothing (a {@code sleep}, a hung
 * {@code tailscale up}) running, reparented to init. Its output is kept within fixed memory
 * ({@link CappedOutput}).
 */
final class RemoteCommand {
    /** How long a command may take to exit after TERM before it gets KILL. */
    static final Duration TERM_GRACE = Duration.ofSeconds(2);
    /** How long after KILL mesh waits for the host to close the channel; then it stops waiting. */
    static final Duration KILL_GRACE = Duration.ofSeconds(1);
    /** Characters of the command quoted in messages (its first line). */
    static final int QUOTED_COMMAND_CHARS = 80;

    /** How a command ended. */
    enum End { EXITED, TIMED_OUT, OUTPUT_LIMIT, INTERRUPTED, STOPPED }

    private final ClientSession session;
    private final ChannelExec channel;
    private final String command;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** Completed when the channel closes or the output budget is spent, whichever comes first. */
    private final CompletableFuture<End> finished = new CompletableFuture<>();
    private final CappedOutput.Budget budget = new CappedOutput.Budget(() -> finished.complete(End.OUTPUT_LIMIT));
    private final CappedOutput out = new CappedOutput(budget);
    private final CappedOutput err = new CappedOutput(budget);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile boolean stoppedFromOutside;
    private volatile boolean hostUnresponsive;

    RemoteCommand(ClientSession session, String command) throws IOException {
        this.session = session;
        this.command = command;
        this.channel = session.createExecChannel(command);
        channel.setOut(out);
        channel.setErr(err);
        channel.addCloseFutureListener(f -> {
            closed.complete(null);
            finished.complete(End.EXITED);
        });
    }

    /** The outcome of {@link #run}: how it ended, what it wrote, and mesh's note on why it did not exit (or null). */
    record Outcome(End end, CommandResult result, String note) {
    }

    /**
     * Opens the channel, writes {@code input} (then EOF) and waits up to {@code timeout} for the
     * command to finish; ends it on the host when it does not.
     *
     * @throws IOException on a transport failure
     */
    Outcome run(byte[] input, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            channel.open().verify(timeout, CancelOption.CANCEL_ON_TIMEOUT);
        } catch (InterruptedIOException e) {
            return stopped(End.INTERRUPTED, timeout);
        } catch (IOException e) {
            if (ConnectFailure.isTimeout(e) && session.isOpen()) {
                return stopped(End.TIMED_OUT, timeout);
            }
            throw e;
        }
        writeInput(input);
        End end;
        try {
            end = finished.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return stopped(End.TIMED_OUT, timeout);
        } catch (InterruptedException e) {
            return stopped(End.INTERRUPTED, timeout);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
        if (end == End.OUTPUT_LIMIT) {
            return stopped(End.OUTPUT_LIMIT, timeout);
        }
        if (stoppedFromOutside) {
            return outcome(End.STOPPED, -1, false, "mesh stopped " + quoted() + " on the host");
        }
        Integer status = channel.getExitStatus();
        return outcome(End.EXITED, status == null ? -1 : status, false, null);
    }

    private void writeInput(byte[] input) throws IOException {
        OutputStream stdin = channel.getInvertedIn();
        if (stdin == null) {
            return;
        }
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

    /**
     * Ends the command on the host (TERM, then KILL) and closes its channel; bounded by
     * {@link #TERM_GRACE} + {@link #KILL_GRACE}. Safe to call from any thread, more than once; the
     * thread in {@link #run} then returns {@link End#STOPPED}.
     */
    void stop() {
        stoppedFromOutside = true;
        end();
    }

    /** Whether the host did not close the channel even after KILL (a dead or frozen connection). */
    boolean hostUnresponsive() {
        return hostUnresponsive;
    }

    boolean isClosed() {
        return closed.isDone();
    }

    private Outcome stopped(End end, Duration limit) {
        boolean interrupted = end == End.INTERRUPTED;
        end();
        if (interrupted) {
            Thread.currentThread().interrupt(); // the caller's interrupt stays visible
        }
        return outcome(end, -1, end == End.TIMED_OUT, note(end, quoted(), limit, budget.limit(), hostUnresponsive));
    }

    /** mesh's note on a command it ended: why, and whether the host confirmed the end. */
    static String note(End end, String quoted, Duration limit, long outputLimit, boolean hostUnresponsive) {
        String why = switch (end) {
            case INTERRUPTED -> "mesh was interrupted while " + quoted + " ran";
            case OUTPUT_LIMIT -> quoted + " wrote more than " + outputLimit / (1024 * 1024)
                    + " MiB of output (mesh's limit for one command)";
            default -> quoted + " did not finish within " + ConnectFailure.seconds(limit) + " (its time limit)";
        };
        String how = hostUnresponsive ? "; the host did not answer TERM and KILL, so the command may still run there"
                : "; mesh ended it on the host (TERM, then KILL after " + ConnectFailure.seconds(TERM_GRACE) + ")";
        return why + how;
    }

    private void end() {
        if (!stopping.compareAndSet(false, true)) {
            awaitClosed(TERM_GRACE.plus(KILL_GRACE));
            return;
        }
        hostUnresponsive = end(session, channel, closed);
    }

    /**
     * Ends what runs on {@code channel} (TERM to its process group, KILL after {@link #TERM_GRACE}) and
     * closes the channel, bounded by {@link #TERM_GRACE} + {@link #KILL_GRACE}.
     *
     * @return whether the host did not close the channel even after KILL
     */
    static boolean end(ClientSession session, ChannelExec channel, CompletableFuture<Void> closed) {
        boolean unresponsive = false;
        if (!ChannelSignal.trySend(session, channel, "TERM") || !awaitClosed(closed, TERM_GRACE)) {
            if (!ChannelSignal.trySend(session, channel, "KILL") || !awaitClosed(closed, KILL_GRACE)) {
                unresponsive = !closed.isDone() && !channel.isClosing();
            }
        }
        channel.close(true);
        return unresponsive;
    }

    private boolean awaitClosed(Duration limit) {
        return awaitClosed(closed, limit);
    }

    /**
     * Waits up to {@code limit} for a channel's close future; an interrupt meanwhile does not cut the
     * (bounded) wait short and is restored afterwards.
     */
    static boolean awaitClosed(CompletableFuture<Void> closed, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    closed.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                    return true;
                } catch (InterruptedException e) {
                    interrupted = true; // cleanup is bounded; the interrupt is restored below
                } catch (TimeoutException e) {
                    return false;
                } catch (ExecutionException e) {
                    return true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The command's first line, at most {@value #QUOTED_COMMAND_CHARS} characters, in backquotes. */
    String quoted() {
        return quoted(command);
    }

    static String quoted(String command) {
        String first = command.strip().lines().findFirst().orElse("");
        boolean cut = first.length() > QUOTED_COMMAND_CHARS || command.strip().lines().count() > 1;
        if (first.length() > QUOTED_COMMAND_CHARS) {
            first = first.substring(0, QUOTED_COMMAND_CHARS);
        }
        return "`" + first + (cut ? "…" : "") + "`";
    }

    /** The result, with {@code note} (if any) as stderr's last line, prefixed "mesh: ". */
    private Outcome outcome(End end, int exit, boolean timedOut, String note) {
        return outcome(end, exit, timedOut, note, out.text(), err.text());
    }

    static Outcome outcome(End end, int exit, boolean timedOut, String note, String stdout, String stderr) {
        if (note != null) {
            stderr = stderr.isEmpty() || stderr.endsWith("\n") ? stderr + "mesh: " + note : stderr + "\nmesh: " + note;
        }
        return new Outcome(end, new CommandResult(exit, stdout, stderr, timedOut), note);
    }
}
