package dev.mesh.core.provision;

import dev.mesh.api.CommandResult;
import dev.mesh.api.TargetHost;
import dev.mesh.core.ssh.CommandStoppedException;
import java.time.Duration;

/**
 * The run's connection as plugins and checks see it: once the operator asked to stop, it refuses to
 * start anything new on the host (commands, uploads), so a step that catches the end of its running
 * command cannot go on with the next one. The run's own cleanup uses the connection underneath.
 */
final class StoppableConnection implements HostConnection {
    private final HostConnection target;
    private final StopSignal stop;

    StoppableConnection(HostConnection target, StopSignal stop) {
        this.target = target;
        this.stop = stop;
    }

    @Override
    public TargetHost host() {
        return target.host();
    }

    @Override
    public CommandResult run(String command, Duration timeout) {
        refuseWhenStopping();
        return target.run(command, timeout);
    }

    @Override
    public CommandResult run(String command, byte[] input, Duration timeout) {
        refuseWhenStopping();
        return target.run(command, input, timeout);
    }

    @Override
    public CommandResult probe(String command, Duration timeout) {
        refuseWhenStopping();
        return target.probe(command, timeout);
    }

    @Override
    public void shareShell(dev.mesh.api.SharedShell protocol) {
        target.shareShell(protocol);
    }

    @Override
    public void unshareShell() {
        target.unshareShell();
    }

    @Override
    public void upload(byte[] content, String path, int mode) {
        refuseWhenStopping();
        target.upload(content, path, mode);
    }

    @Override
    public void stopCommands() {
        target.stopCommands();
    }

    @Override
    public HeldCommand hold(String command) {
        refuseWhenStopping();
        return target.hold(command);
    }

    @Override
    public void close() {
        target.close();
    }

    private void refuseWhenStopping() {
        if (stop.stopRequested()) {
            throw new CommandStoppedException("mesh is stopping: nothing new is started on " + target.host().address());
        }
    }
}
