package dev.mesh.core.provision;

import dev.mesh.api.RemoteConnection;

/** A {@link RemoteConnection} the sequence owns and closes when the host is done. */
public interface HostConnection extends RemoteConnection, AutoCloseable {
    @Override
    void close();
}
