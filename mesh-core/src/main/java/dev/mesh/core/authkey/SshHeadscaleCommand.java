package dev.mesh.core.authkey;

import dev.mesh.api.CommandResult;
import dev.mesh.api.Quoting;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.exec.LocalResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The headscale CLI on the Headscale server, run over mesh's own SSH client: one connection, opened
 * at the first call and kept for the rest, one exec channel per call. The server's login shell is
 * taken to be POSIX sh (Headscale runs on Linux), so every word of {@code [sudo -n] PREFIX args...} is
 * quoted with {@link Quoting#sh}.
 */
public final class SshHeadscaleCommand implements HeadscaleCommand, AutoCloseable {
    /** A shell's exit code for "command not found". */
    private static final int NOT_FOUND = 127;
    /** The last word of a call with a secret: the shell reads it from standard input. */
    static final String SECRET_FROM_STDIN = "\"$(cat)\"";

    private final HeadscaleSettings settings;
    private final TargetHost server;
    private final Function<TargetHost, ? extends RemoteConnection> connector;
    private RemoteConnection connection;

    /**
     * @param server    the Headscale server ({@code mesh.headscale.ssh-host}, resolved)
     * @param connector opens the SSH connection, e.g. {@code SshConnector::connect}
     */
    public SshHeadscaleCommand(HeadscaleSettings settings, TargetHost server,
            Function<TargetHost, ? extends RemoteConnection> connector) {
        this.settings = settings;
        this.server = server;
        this.connector = connector;
    }

    @Override
    public LocalResult run(List<String> args) throws AuthKeyException {
        return call(commandLine(args), null, args);
    }

    /**
     * The secret travels on the command's standard input and the shell puts it in place of
     * {@code "$(cat)"}: it is never part of the command line sent over SSH (nor of the login shell's
     * own arguments); the headscale process on the server holds it in its arguments while it runs.
     */
    @Override
    public LocalResult runWithSecret(List<String> args, Secret secret) throws AuthKeyException {
        return call(commandLine(args) + " " + SECRET_FROM_STDIN, secret.reveal().getBytes(StandardCharsets.UTF_8),
                args);
    }

    private synchronized LocalResult call(String commandLine, byte[] input, List<String> args)
            throws AuthKeyException {
        CommandResult r;
        try {
            if (connection == null) {
                connection = connector.apply(server);
            }
            r = input == null ? connection.run(commandLine, settings.timeout())
                    : connection.run(commandLine, input, settings.timeout());
        } catch (TransportException e) {
            throw new AuthKeyException(Kind.UNREACHABLE, "cannot run `" + display(args) + "` on " + server.display()
                    + " over SSH: " + e.getMessage() + "; check mesh.headscale.ssh-host (MESH_HEADSCALE_SSH_HOST)"
                    + " and mesh.headscale.ssh-port", e);
        }
        if (r.exitCode() == NOT_FOUND && !r.timedOut()) {
            throw new AuthKeyException(Kind.CLI_NOT_FOUND, "`" + display(args) + "`: `" + settings.command().get(0)
                    + "` is not found on " + server.display() + "; set mesh.headscale.command"
                    + " (MESH_HEADSCALE_COMMAND) to the headscale CLI's full path or argument prefix there");
        }
        return new LocalResult(r.exitCode(), r.stdout(), r.stderr(), r.timedOut());
    }

    @Override
    public boolean sudo() {
        return settings.sudo();
    }

    @Override
    public Duration timeout() {
        return settings.timeout();
    }

    @Override
    public String display(List<String> args) {
        return (settings.sudo() ? "sudo -n " : "") + String.join(" ", words(args)) + " on " + server.display();
    }

    /** {@code [sudo -n] 'prefix' ... 'arg' ...}, each word quoted for sh. */
    String commandLine(List<String> args) {
        String quoted = words(args).stream().map(Quoting::sh).collect(Collectors.joining(" "));
        return settings.sudo() ? "sudo -n " + quoted : quoted;
    }

    private List<String> words(List<String> args) {
        List<String> words = new ArrayList<>(settings.command());
        words.addAll(args);
        return words;
    }

    @Override
    public synchronized void close() {
        if (connection instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // best effort: the SSH client is stopped with the runtime anyway
            }
        }
        connection = null;
    }
}
