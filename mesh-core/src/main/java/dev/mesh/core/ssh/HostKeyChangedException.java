package dev.mesh.core.ssh;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.sshd.common.config.keys.KeyUtils;

/**
 * The host presented a key that is not among the keys recorded for it in known_hosts (of whatever
 * type): either the host was reinstalled or someone is intercepting the connection. mesh refuses
 * to connect before sending anything, like OpenSSH; the message names every recorded entry (file
 * and line) and the {@code ssh-keygen -R} command that removes them.
 */
public class HostKeyChangedException extends SshConnectException {
    private final Path knownHostsFile;
    private final int line;
    private final String removeCommand;

    /**
     * @param hostPattern the host as known_hosts names it ({@code host} or {@code [host]:port})
     * @param recorded    the plain entries recorded for it, at least one
     */
    HostKeyChangedException(String hostPattern, List<KnownHosts.Entry> recorded, String keyType, String fingerprint) {
        super(Kind.HOST_KEY_CHANGED, "Host key for " + hostPattern + " has CHANGED: it now presents " + keyType + " key " + fingerprint
                + ", but known_hosts records other keys for it at " + describe(recorded)
                + ". Someone could be intercepting the connection, or the host was reinstalled;"
                + " if you are sure it is the latter, remove the old entries with: " + removeCommand(hostPattern, recorded));
        this.knownHostsFile = recorded.get(0).file();
        this.line = recorded.get(0).line();
        this.removeCommand = removeCommand(hostPattern, recorded);
    }

    /** The known_hosts file holding the first recorded key. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    /** The 1-based line number of the first recorded key in {@link #knownHostsFile()}. */
    public int line() {
        return line;
    }

    /** {@code ssh-keygen -R 'PATTERN' -f 'FILE'} for each file with an old entry, joined with {@code &&}. */
    public String removeCommand() {
        return removeCommand;
    }

    private static String describe(List<KnownHosts.Entry> recorded) {
        return recorded.stream()
                .map(e -> e.where() + " (" + KeyUtils.getKeyType(e.key()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static String removeCommand(String hostPattern, List<KnownHosts.Entry> recorded) {
        return recorded.stream().map(KnownHosts.Entry::file).distinct()
                .map(f -> "ssh-keygen -R " + ShellWords.quote(hostPattern) + " -f " + ShellWords.quote(f.toString()))
                .collect(Collectors.joining(" && "));
    }
}
