package dev.mesh.core.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the SSH client tells or asks the person running mesh. mesh-core never prints: the CLI
 * implements this (rendering events, asking on the terminal); {@link #NONE} stays silent and
 * cannot ask. Methods may be called from MINA's I/O threads.
 */
public interface SshInteraction {
    /** Tells nothing, asks nothing: passphrase-protected keys are then only usable through ssh-agent. */
    SshInteraction NONE = new SshInteraction() {
    };

    /**
     * A host key seen for the first time was recorded, as OpenSSH's "Permanently added ... to the
     * list of known hosts".
     */
    default void hostKeyRecorded(RecordedHostKey key) {
    }

    /** Something the operator should know, e.g. an ssh config directive mesh ignores. One line. */
    default void warning(String message) {
    }

    /** Whether {@link #passphrase} can ask someone (a terminal is attached). */
    default boolean canAskPassphrase() {
        return false;
    }

    /**
     * Asks for the passphrase of a private key file, never echoing it. The caller clears the array.
     *
     * @param attempt 1 for the first question, 2 and 3 after a wrong answer
     * @return empty when nobody can answer or the answer was empty (give up on this key)
     */
    default Optional<char[]> passphrase(Path keyFile, int attempt) {
        return Optional.empty();
    }

    /**
     * A host key recorded in known_hosts.
     *
     * @param host        the host as known_hosts names it ({@code host} or {@code [host]:port})
     * @param keyType     e.g. {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}
     * @param fingerprint {@code SHA256:…}, as {@code ssh-keygen -lf} prints it
     * @param file        the known_hosts file written
     */
    record RecordedHostKey(String host, String keyType, String fingerprint, Path file) {
    }
}
