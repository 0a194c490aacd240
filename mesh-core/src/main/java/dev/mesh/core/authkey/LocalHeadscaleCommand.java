package dev.mesh.core.authkey;

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
 * The headscale CLI on this machine, as an argument vector through Commons Exec (no shell); the CLI
 * reaches the server through its unix socket, hence {@code sudo -n} by default.
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
        try {
            return runner.run(argv(args), settings.timeout(), Map.of());
        } catch (LocalCommandException e) {
            throw notFound(e);
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

    /** The full argument vector: {@code [sudo, -n,] command, args...}. */
    List<String> argv(List<String> args) {
        List<String> argv = new ArrayList<>();
        if (settings.sudo()) {
            argv.addAll(List.of("sudo", "-n"));
        }
        argv.add(settings.command());
        argv.addAll(args);
        return argv;
    }

    private AuthKeyException notFound(LocalCommandException e) {
        if (!e.notFound()) {
            return new AuthKeyException(Kind.CLI_FAILED, e.getMessage() + "; check mesh.headscale.command"
                    + " (MESH_HEADSCALE_COMMAND)", e);
        }
        if (settings.sudo() && e.program().equals("sudo")) {
            return new AuthKeyException(Kind.CLI_NOT_FOUND, e.getMessage() + "; install sudo, or set"
                    + " mesh.headscale.sudo = false (MESH_HEADSCALE_SUDO=false) if this user can run headscale", e);
        }
        return new AuthKeyException(Kind.CLI_NOT_FOUND, e.getMessage() + "; install Headscale on this machine,"
                + " set mesh.headscale.command (MESH_HEADSCALE_COMMAND) to the headscale CLI's path, or choose"
                + " another mesh.headscale.source (MESH_HEADSCALE_SOURCE = rest or ssh)", e);
    }
}
