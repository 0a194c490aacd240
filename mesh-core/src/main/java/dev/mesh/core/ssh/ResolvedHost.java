package dev.mesh.core.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything mesh needs to reach one host (the target, or a ProxyJump hop), after the one
 * precedence of {@link HostResolver} was applied.
 *
 * @param alias            the host as typed (ssh's {@code host_arg}, {@code %n})
 * @param hostName         where to connect: HostName (with {@code %h}) or the alias, lower case
 * @param port             the port
 * @param user             the login user
 * @param identityFiles    private key files in the order to try them (after the agent's keys)
 * @param identitiesOnly   IdentitiesOnly: of the agent's keys, only those of {@code identityFiles}
 * @param agent            the ssh-agent socket to ask, if any, and where that choice came from
 * @param jumps            ProxyJump hops, the first one reached directly from here
 * @param knownHosts       UserKnownHostsFile: read, the first written (empty: "none", nothing written)
 * @param globalKnownHosts GlobalKnownHostsFile: only read
 * @param strict           StrictHostKeyChecking yes (or ask): unknown hosts are refused, not recorded
 * @param hashKnownHosts   HashKnownHosts: new entries are written hashed
 * @param connectTimeout   connect, key exchange and authentication together
 * @param warnings         ssh config directives that applied but that mesh does not implement
 */
public record ResolvedHost(String alias, String hostName, int port, String user, List<IdentityFile> identityFiles,
                           boolean identitiesOnly, Agent agent, List<ResolvedHost> jumps, List<Path> knownHosts,
                           List<Path> globalKnownHosts, boolean strict, boolean hashKnownHosts,
                           Duration connectTimeout, List<String> warnings) {

    /** A private key file and where it was named: "-i", "ssh config FILE:LINE", "mesh.ssh.identity", "default". */
    public record IdentityFile(Path path, String source) {
    }

    /** The ssh-agent to use (none when {@code socket} is empty) and why: "SSH_AUTH_SOCK", "IdentityAgent (FILE:LINE)". */
    public record Agent(Optional<Path> socket, String source) {
    }

    public ResolvedHost {
        identityFiles = List.copyOf(identityFiles);
        jumps = List.copyOf(jumps);
        knownHosts = List.copyOf(knownHosts);
        globalKnownHosts = List.copyOf(globalKnownHosts);
        warnings = List.copyOf(warnings);
    }

    /** {@code user@hostName:port} ({@code [v6]:port}), as in messages. */
    public String display() {
        return dev.mesh.core.input.HostSpec.display(user, hostName, port);
    }
}
