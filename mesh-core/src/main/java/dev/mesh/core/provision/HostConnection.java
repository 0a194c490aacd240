package dev.mesh.core.provision;

import dev.mesh.api.RemoteConnection;

/** A {@link RemoteConnection} the sequence owns and closes when the host is done. */
public interface HostConnection extends RemoteConnection, AutoCloseable {
    @Override
    void close();

    /**
     * Ends every command running on this connection, on the host (Ctrl-C); their {@code run} calls
     * throw. Callable from any thread. Connections that cannot end remote commands do nothing.
     */
    default void stopCommands() {
    }

    /**
     * From now on, runs probes ({@link #probe}) in one shell as {@code protocol} says (the detectors',
     * then the host's plugin's); a shell that speaks the same protocol is kept, another one replaced.
     * Connections that cannot keep such a shell run each probe on its own, as before.
     */
    default void shareShell(dev.mesh.api.SharedShell protocol) {
    }

    /** From now on, runs every probe on a channel of its own, as before {@link #shareShell}; ends an idle shell. */
    default void unshareShell() {
    }

    /**
     * Once the host's plugin is chosen: its {@link dev.mesh.api.SharedShell}, if it has the capability,
     * decides for the rest of the run; without it, the detectors' shell is ended and probes run on channels
     * of their own (the plugin's probes are written for its login shell, not for ours).
     */
    default void shareShellOf(dev.mesh.api.OsProvisioner provisioner) {
        provisioner.capability(dev.mesh.api.SharedShell.class).ifPresentOrElse(this::shareShell, this::unshareShell);
    }

    /**
     * Starts {@code command} and keeps its standard input open until {@link HeldCommand#close()}: a
     * command whose life is tied to this run (the host lock's holder), ended by the host as soon as the
     * connection is gone, whatever ended mesh.
     *
     * @throws UnsupportedOperationException when this connection cannot keep a command's input open
     * @throws dev.mesh.api.TransportException when the command cannot be started
     */
    default HeldCommand hold(String command) {
        throw new UnsupportedOperationException("this connection cannot hold a command open");
    }
}
