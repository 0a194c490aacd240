package dev.mesh.core.ssh;

import dev.mesh.core.provision.HeldCommand;
import dev.mesh.core.provision.HostConnection;
import dev.mesh.api.CommandResult;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import dev.mesh.core.text.LiveSecrets;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.sshd.client.session.ClientSession;

/**
 * One authenticated SSH session to one host. Every {@link #run} opens its own exec channel on the
 * shared session, so many commands (also concurrently) use a single TCP connection. Closing the
 * connection ends the session.
 */
public final class SshConnection implements HostConnection {
    /** How long a graceful close may wait for the server's answer. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final TargetHost host;
    private final String display;
    private final ClientSession session;
    private final Set<RemoteCommand> running = ConcurrentHashMap.newKeySet();
    private final CommandObserver observer;
    private volatile boolean unresponsive;
    /** The plugin's shared shell for probes, once the host's plugin offers one ({@link #shareShell}). */
    private volatile ShellChannel shell;

    SshConnection(TargetHost host, ClientSession session) {
        this(host, session, CommandObserver.NONE);
    }

    /** @param observer told about every command and upload when it ends ({@code mesh -v}) */
    SshConnection(TargetHost host, ClientSession session, CommandObserver observer) {
        this.host = host;
        this.display = dev.mesh.core.input.HostSpec.display(host.user(), host.address(), host.port());
        this.session = session;
        this.observer = observer;
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

    /**
     * {@inheritDoc}
     *
     * <p>A command that runs past {@code timeout} is ended on the host (TERM to its process group,
     * KILL {@link RemoteCommand#TERM_GRACE} later) and returned with {@code timedOut} set and a
     * last line in stderr naming the command and the limit. An interrupt of the calling thread ends
     * the command the same way and throws {@link CommandStoppedException} (the interrupt flag stays
     * set); so does {@link #stopCommands()} from another thread.
     */
    @Override
    public CommandResult run(String command, byte[] input, Duration timeout) {
        Objects.requireNonNull(command, "command");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        requireOpen();
        RemoteCommand remote = null;
        long start = System.nanoTime();
        CommandResult result = null;
        try {
            remote = new RemoteCommand(session, command);
            running.add(remote);
            RemoteCommand.Outcome outcome;
            try {
                outcome = remote.run(input, timeout);
            } catch (IOException e) {
                ShellChannel shared = shell;
                if (!refusedChannel(e) || shared == null || !shared.closeIdle()) {
                    throw e;
                }
                // sshd's MaxSessions was reached with the lock's channel and the idle shared shell open:
                // the shell gives its slot up for good, and the command is asked for again (a few times:
                // the host frees the slot a moment after the close)
                outcome = null;
                for (int attempt = 1; outcome == null; attempt++) {
                    running.remove(remote);
                    remote = new RemoteCommand(session, command);
                    running.add(remote);
                    try {
                        outcome = remote.run(input, timeout);
                    } catch (IOException again) {
                        if (!refusedChannel(again) || attempt == 3) {
                            throw again;
                        }
                        pause(Duration.ofMillis(100L * attempt));
                    }
                }
            }
            unresponsive |= remote.hostUnresponsive();
            result = checked(outcome, remote.quoted());
            return result;
        } catch (java.io.InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new CommandStoppedException("mesh was interrupted while " + RemoteCommand.quoted(command)
                    + " waited for a channel (" + display + ")");
        } catch (IOException e) {
            throw new TransportException("Cannot run a command on " + display + ": "
                    + ConnectFailure.rootMessage(e), e);
        } finally {
            if (remote != null) {
                running.remove(remote);
            }
            observe(command, start, result);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>In the host's shared shell once the plugin offers one ({@link #shareShell}), else (and when the
     * shell is busy) as {@link #run(String, Duration)}; the same limits, stops and results either way.
     */
    @Override
    public CommandResult probe(String command, Duration timeout) {
        ShellChannel shared = shell;
        if (shared == null) {
            return run(command, timeout);
        }
        Objects.requireNonNull(command, "command");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        requireOpen();
        long start = System.nanoTime();
        CommandResult result = null;
        try {
            java.util.Optional<RemoteCommand.Outcome> outcome = shared.tryRun(command, timeout);
            if (outcome.isEmpty()) {
                // on a channel of its own, within what is left of its time (at least a second)
                Duration left = timeout.minusNanos(System.nanoTime() - start);
                return run(command, left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left);
            }
            unresponsive |= shared.hostUnresponsive();
            result = checked(outcome.get(), RemoteCommand.quoted(command));
            observe(command, start, result);
            return result;
        } catch (java.io.InterruptedIOException e) {
            observe(command, start, null);
            Thread.currentThread().interrupt();
            throw new CommandStoppedException("mesh was interrupted while " + RemoteCommand.quoted(command)
                    + " was starting (" + display + ")");
        } catch (IOException e) {
            observe(command, start, null);
            throw new TransportException("Cannot run a command on " + display + ": "
                    + ConnectFailure.rootMessage(e), e);
        } catch (RuntimeException e) {
            observe(command, start, null);
            throw e;
        }
    }

    /**
     * From now on, runs this connection's probes in one shell on one channel, as {@code protocol} says
     * (the detectors' {@link dev.mesh.api.OsDetector#sharedShell()} from the SSH test on, then the host's
     * plugin's {@link dev.mesh.api.SharedShell}). A shell that speaks the same protocol is kept, with what
     * it learnt (a host that could not start it is not asked again); another one is closed and replaced.
     * Called by the host's own thread, between probes.
     */
    @Override
    public void shareShell(dev.mesh.api.SharedShell protocol) {
        Objects.requireNonNull(protocol, "protocol");
        ShellChannel current = shell;
        if (current != null && current.speaks(protocol)) {
            return;
        }
        shell = new ShellChannel(session, protocol);
        retire(current);
    }

    @Override
    public void unshareShell() {
        ShellChannel current = shell;
        shell = null;
        retire(current);
    }

    /** Ends a shell no longer used: gracefully when idle (as callers use it, between probes), else with its probe. */
    private static void retire(ShellChannel old) {
        if (old != null && !old.closeIdle()) {
            old.stop();
        }
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the host freed a session slot");
        }
    }

    /** Whether the host refused to open a channel (sshd's MaxSessions, for one), somewhere in {@code e}'s causes. */
    private static boolean refusedChannel(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.sshd.common.channel.exception.SshChannelOpenException) {
                return true;
            }
        }
        return false;
    }

    /** The result of a command that ended; throws when it was stopped or the connection was lost. */
    private CommandResult checked(RemoteCommand.Outcome outcome, String quoted) {
        switch (outcome.end()) {
            case INTERRUPTED, STOPPED -> throw new CommandStoppedException(outcome.note() + " (" + display + ")");
            case EXITED -> {
                if (outcome.result().exitCode() == -1 && !session.isOpen()) {
                    throw new TransportException("Lost the SSH connection to " + display + " while " + quoted + " ran");
                }
            }
            default -> { }
        }
        return outcome.result();
    }

    /** Tells the observer; {@code result} is null when the command did not end normally (stopped, connection lost). */
    private void observe(String command, long start, CommandResult result) {
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        try {
            observer.commandEnded(new CommandObserver.Event(host, LiveSecrets.scrub(command),
                    result == null ? -1 : result.exitCode(), took, result != null && result.timedOut(), result == null));
        } catch (RuntimeException e) {
            // an observer's failure must not change the command's outcome
        }
    }

    /**
     * Ends every command running on this connection, as a timeout does (TERM, then KILL, then the
     * channel closed), in parallel and bounded by {@link RemoteCommand#TERM_GRACE} +
     * {@link RemoteCommand#KILL_GRACE}; their {@link #run} calls throw {@link CommandStoppedException}.
     * For Ctrl-C: callable from any thread.
     */
    @Override
    public void stopCommands() {
        List<Thread> stoppers = new ArrayList<>();
        ShellChannel shared = shell;
        if (shared != null) {
            Thread stopper = new Thread(shared::stop, "mesh-stop-shell");
            stopper.setDaemon(true);
            stopper.start();
            stoppers.add(stopper);
        }
        for (RemoteCommand remote : List.copyOf(running)) {
            Thread stopper = new Thread(remote::stop, "mesh-stop-command");
            stopper.setDaemon(true);
            stopper.start();
            stoppers.add(stopper);
        }
        for (Thread t : stoppers) {
            try {
                t.join(RemoteCommand.TERM_GRACE.plus(RemoteCommand.KILL_GRACE).plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The channel is opened within {@link #CLOSE_WAIT}; the command is not counted among the
     * commands {@link #stopCommands()} ends: its holder closes it.
     */
    @Override
    public HeldCommand hold(String command) {
        Objects.requireNonNull(command, "command");
        requireOpen();
        try {
            return HeldChannel.start(session, command, CLOSE_WAIT);
        } catch (IOException e) {
            throw new TransportException("Cannot run a command on " + display + ": " + ConnectFailure.rootMessage(e), e);
        }
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(path, "path");
        requireOpen();
        long start = System.nanoTime();
        String what = "sftp write " + path + " (mode " + String.format("%04o", mode) + ")";
        try {
            SftpUpload.write(session, content, path, mode);
            observe(what, start, CommandResult.of(0, "", ""));
        } catch (IOException | RuntimeException e) {
            observe(what, start, null);
            throw new TransportException("Cannot upload " + path + " (mode " + Integer.toOctalString(mode) + ") to "
                    + display + " over SFTP: " + ConnectFailure.rootMessage(e), e);
        }
    }

    /**
     * Ends the session: at once when a command found the host unresponsive, else gracefully within
     * {@link #CLOSE_WAIT}. Commands still running are stopped first ({@link #stopCommands()}).
     */
    @Override
    public void close() {
        if (!running.isEmpty() || shell != null) {
            stopCommands(); // the shared shell: only a probe running now is ended; an idle shell exits at the session's end
        }
        if (unresponsive) {
            session.close(true);
        } else {
            session.close(false).awaitUninterruptibly(CLOSE_WAIT.toMillis());
        }
    }

    private void requireOpen() {
        if (!session.isOpen()) {
            throw new TransportException("The SSH connection to " + display + " is closed");
        }
    }

}
