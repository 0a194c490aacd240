package dev.mesh.api.tailscale;

import java.util.List;
import java.util.Objects;

/**
 * How mesh's SSH connection reaches the host, as the host sees it: OpenSSH's {@code SSH_CONNECTION}
 * ({@code client-address client-port server-address server-port}) and the prefixes of the host's own
 * interfaces holding the server address (its LAN). An accepted subnet route covering any of these
 * would take the host's replies to mesh, or to its LAN, into the tailnet (routing table 52 on Linux).
 * Create one with {@link #of}.
 */
public final class ConnectionPath {
    private final String clientAddress;
    private final String serverAddress;
    private final List<String> localPrefixes;

    private ConnectionPath(String clientAddress, String serverAddress, List<String> localPrefixes) {
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
        this.serverAddress = Objects.requireNonNull(serverAddress, "serverAddress");
        this.localPrefixes = List.copyOf(localPrefixes);
    }

    /**
     * @param clientAddress mesh's address as the host sees it (first field of {@code SSH_CONNECTION}); empty when unknown
     * @param serverAddress the host's address mesh connected to (third field); empty when unknown
     * @param localPrefixes the host's interface prefixes, e.g. {@code 192.168.10.20/24}; empty when unknown
     */
    public static ConnectionPath of(String clientAddress, String serverAddress, List<String> localPrefixes) {
        return new ConnectionPath(clientAddress, serverAddress, localPrefixes);
    }

    /**
     * From {@code SSH_CONNECTION}'s value and the host's interface prefixes; only the prefixes that
     * hold the server address are kept (the LAN mesh came in through).
     */
    public static ConnectionPath fromSshConnection(String sshConnection, List<String> interfacePrefixes) {
        String[] f = sshConnection == null ? new String[0] : sshConnection.strip().split("\\s+");
        String client = f.length >= 1 ? f[0] : "";
        String server = f.length >= 3 ? f[2] : "";
        List<String> lan = Cidr.parse(server).map(s -> interfacePrefixes.stream()
                .filter(p -> Cidr.parse(p).map(c -> c.contains(s)).orElse(false)).toList()).orElse(List.of());
        return new ConnectionPath(client, server, lan);
    }

    public String clientAddress() {
        return clientAddress;
    }

    public String serverAddress() {
        return serverAddress;
    }

    public List<String> localPrefixes() {
        return localPrefixes;
    }

    /**
     * The routes among {@code routes} that contain the client or server address or overlap a local
     * prefix; default routes (an exit node's) are not subnet routes and never count.
     */
    public List<String> coveredBy(List<String> routes) {
        return routes.stream().filter(r -> Cidr.parse(r).filter(c -> !c.isDefaultRoute()).map(c ->
                covers(c, clientAddress) || covers(c, serverAddress)
                        || localPrefixes.stream().anyMatch(p -> Cidr.parse(p).map(c::overlaps).orElse(false)))
                .orElse(false)).distinct().toList();
    }

    private static boolean covers(Cidr route, String address) {
        return Cidr.parse(address).map(route::contains).orElse(false);
    }

    /** {@code 192.168.10.5 → 192.168.10.20 (LAN 192.168.10.20/24)}, for messages. */
    public String describe() {
        return (clientAddress.isEmpty() ? "?" : clientAddress) + " → " + (serverAddress.isEmpty() ? "?" : serverAddress)
                + (localPrefixes.isEmpty() ? "" : " (LAN " + String.join(", ", localPrefixes) + ")");
    }

    @Override
    public String toString() {
        return "ConnectionPath[" + describe() + "]";
    }
}
