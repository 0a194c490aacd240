package dev.mesh.core.ssh;

import java.nio.file.Path;

/**
 * The host presented a key that differs from the one recorded for it in known_hosts: either the
 * host was reinstalled or someone is intercepting the connection. mesh refuses to connect, like
 * OpenSSH; the message names the file and line of the old entry so the operator can remove it.
 */
public class HostKeyChangedException extends SshConnectException {
    private final Path knownHostsFile;
    private final int line;

    public HostKeyChangedException(String hostPattern, Path knownHostsFile, int line, String keyType,
                                   String newFingerprint) {
        super("Host key for " + hostPattern + " has CHANGED (" + keyType + ", now " + newFingerprint
                + "); the old key is recorded at " + knownHostsFile + ":" + line
                + ". Someone could be intercepting the connection, or the host was reinstalled;"
                + " if you are sure it is the latter, remove that line and try again.");
        this.knownHostsFile = knownHostsFile;
        this.line = line;
    }

    /** The known_hosts file holding the old key. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The 1-based line number of the old key in {@link #knownHostsFile()}. */
    public int line() {
        return line;
    }
}
