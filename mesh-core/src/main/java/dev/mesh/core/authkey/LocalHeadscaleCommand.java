package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.exec.LocalCommandException;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.exec.LocalResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The headscale CLI on this machine, as an argument vector through Commons Exec (no shell):
 * {@code [sudo -n] PREFIX args...}, PREFIX being {@code mesh.headscale.command} ({@code headscale},
 * {@code docker exec headscale headscale}, ...). The CLI reaches the server through its unix socket,
 * hence {@code sudo -n} by default.
 */
public final class LocalHeadscaleCommand implements HeadscaleCommand {
    private final HeadscaleSettings settings;
    private final LocalCommandRunner runner;

    /** Uses {@code settings.command()}, {@code sudo()} and {@code timeout()}. */
    public LocalHeadscaleCommand(HeadscaleSettings settings, LocalCommandRunner runner) {
        this.settings = settings;
        this.runner = runner;
    }

    @Override
    public LocalResult run(List<String> args) throws AuthKeyException {
        return start(argv(args), args);
    }

    /**
     * The key is the last element of the argument vector: Headscale 0.27 and older take it nowhere
     * else. It is on this machine's process list while the CLI runs (this machine being the operator's
     * or the Headscale server); no shell, log or message sees it.
     */
    @Override
    public LocalResult runWithSecret(List<String> args, Secret secret) throws AuthKeyException {
        List<String> argv = argv(args);
        argv.add(secret.reveal());
        return start(argv, args);
    }

    private LocalResult start(List<String> argv, List<String> args) throws AuthKeyException {
        try {
            return runner.run(argv, settings.timeout(), Map.of());
        } catch (LocalCommandException e) {
            throw notFound(e, args);
        }
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
        return String.join(" ", argv(args));
    }

    /** The full argument vector: {@code [sudo, -n,] prefix..., args...}. */
    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        if (settings.sudo()) {
            argv.addAll(List.of("sudo", "-n"));
        }
        argv.addAll(settings.command());
        argv.addAll(args);
        return argv;
    }

    private AuthKeyException notFound(LocalCommandException e, List<String> args) {
        String ran = "`" + display(args) + "`: ";
        if (!e.notFound()) {
            return new AuthKeyException(Kind.CLI_FAILED, ran + e.getMessage() + "; check mesh.headscale.command"
                    + " (MESH_HEADSCALE_COMMAND)", e);
        }
        if (settings.sudo() && e.program().equals("sudo")) {
            return new AuthKeyException(Kind.CLI_NOT_FOUND, ran + e.getMessage() + "; install sudo, or set"
                    + " mesh.headscale.sudo = false (MESH_HEADSCALE_SUDO=false) if this user can run headscale", e);
        }
        return new AuthKeyException(Kind.CLI_NOT_FOUND, ran + e.getMessage() + "; install Headscale on this machine,"
                + " set mesh.headscale.command (MESH_HEADSCALE_COMMAND) to the headscale CLI's path or argument"
                + " prefix (e.g. \"docker exec headscale headscale\"), or choose another mesh.headscale.source"
                + " (MESH_HEADSCALE_SOURCE = rest or ssh)", e);
    }
}
