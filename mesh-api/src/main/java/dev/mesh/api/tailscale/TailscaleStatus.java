package dev.mesh.api.tailscale;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of {@code tailscale status --json} mesh relies on (ipnstate.Status). That command exits 0
 * in every state, so the state is read from {@code BackendState}: NoState, InUseOtherUser,
 * NeedsLogin, NeedsMachineAuth, Stopped, Starting or Running. A node may have IPv4 and IPv6
 * addresses, or only one kind (a tailnet with only an IPv6 prefix): any address counts. Since SPI 2.1
 * it also carries the subnet routes the node's peers offer ({@link #subnetRoutes()}) and the address
 * of the exit node in use.
 */
public final class TailscaleStatus {
    private final String backendState;
    private final List<String> addresses;
    private final String hostName;
    private final boolean online;
    private final List<String> health;
    private final String problem;
    private final List<String> subnetRoutes;
    private final String exitNodeAddress;

    private TailscaleStatus(String backendState, List<String> addresses, String hostName, boolean online,
                            List<String> health, String problem) {
        this(backendState, addresses, hostName, online, health, problem, List.of(), "");
    }

    private TailscaleStatus(String backendState, List<String> addresses, String hostName, boolean online,
                            List<String> health, String problem, List<String> subnetRoutes, String exitNodeAddress) {
        this.backendState = Objects.requireNonNull(backendState, "backendState");
        this.addresses = List.copyOf(addresses);
        this.hostName = Objects.requireNonNullElse(hostName, "");
        this.online = online;
        this.health = List.copyOf(health);
        this.problem = Objects.requireNonNullElse(problem, "");
        this.subnetRoutes = List.copyOf(subnetRoutes);
        this.exitNodeAddress = Objects.requireNonNullElse(exitNodeAddress, "");
    }

    /** A node in {@code backendState} with {@code addresses}; the rest empty. */
    public static TailscaleStatus of(String backendState, List<String> addresses) {
        return new TailscaleStatus(backendState, addresses, "", false, List.of(), "");
    }

    /** No status could be read (tailscaled not answering, no JSON); {@code problem} says why. */
    public static TailscaleStatus unreadable(String problem) {
        return new TailscaleStatus("NoState", List.of(), "", false, List.of(), problem.isBlank() ? "no output" : problem);
    }

    /**
     * Reads the fields from the parsed JSON object: {@code BackendState} (missing reads as NoState),
     * {@code TailscaleIPs} (or {@code Self.TailscaleIPs}), {@code Self.HostName}, {@code Self.Online}
     * (missing reads as false), {@code Health}, each {@code Peer}'s {@code PrimaryRoutes} and
     * {@code AllowedIPs} (ipnstate.PeerStatus: the routes a peer is the primary subnet router for, and
     * the prefixes it may send from; its own addresses and default routes are not subnet routes) and
     * {@code ExitNodeStatus.TailscaleIPs}.
     */
    public static TailscaleStatus fromJson(Map<String, Object> json) {
        Object state = json.get("BackendState");
        Map<?, ?> self = json.get("Self") instanceof Map<?, ?> m ? m : Map.of();
        List<String> ips = strings(json.get("TailscaleIPs"));
        if (ips.isEmpty()) {
            ips = strings(self.get("TailscaleIPs"));
        }
        Object host = self.get("HostName");
        Map<?, ?> exit = json.get("ExitNodeStatus") instanceof Map<?, ?> m ? m : Map.of();
        String exitAddress = strings(exit.get("TailscaleIPs")).stream().findFirst().map(a -> a.replaceFirst("/\\d+$", ""))
                .orElse("");
        return new TailscaleStatus(state == null ? "NoState" : oneLine(state.toString()), ips,
                host == null ? "" : oneLine(host.toString()), Boolean.TRUE.equals(self.get("Online")),
                strings(json.get("Health")), "", peerRoutes(json.get("Peer")), exitAddress);
    }

    private static List<String> peerRoutes(Object peers) {
        Set<String> routes = new LinkedHashSet<>();
        if (peers instanceof Map<?, ?> all) {
            for (Object peer : all.values()) {
                if (!(peer instanceof Map<?, ?> p)) {
                    continue;
                }
                List<String> own = strings(p.get("TailscaleIPs"));
                List<String> candidates = new ArrayList<>(strings(p.get("PrimaryRoutes")));
                candidates.addAll(strings(p.get("AllowedIPs")));
                for (String route : candidates) {
                    Optional<Cidr> c = Cidr.parse(route);
                    boolean ownAddress = c.map(Cidr::isSingleAddress).orElse(false)
                            && own.contains(route.replaceFirst("/\\d+$", ""));
                    if (c.isPresent() && !c.get().isDefaultRoute() && !ownAddress) {
                        routes.add(route);
                    }
                }
            }
        }
        return List.copyOf(routes);
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).map(TailscaleStatus::oneLine).toList()
                : List.of();
    }

    /**
     * The host's value as one line: each control character (line feeds included) written as
     * {@code \xNN}. Every field here is one value (a state, an address, a name, a health message); a
     * line feed in one would otherwise start a line of mesh's own output wherever it is shown.
     */
    static String oneLine(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                if (out == null) {
                    out = new StringBuilder(value.substring(0, i));
                }
                out.append(String.format("\\x%02x", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }

    /** The {@code BackendState} field. */
    public String backendState() {
        return backendState;
    }

    /** Every Tailscale address of the node, IPv4 and IPv6, as the CLI lists them. */
    public List<String> addresses() {
        return addresses;
    }

    /** {@code Self.HostName}, empty when absent. */
    public String hostName() {
        return hostName;
    }

    /** {@code Self.Online}. */
    public boolean online() {
        return online;
    }

    /** tailscaled's {@code Health} warnings. */
    public List<String> health() {
        return health;
    }

    /** Why the status could not be read, empty when it was. */
    public String problem() {
        return problem;
    }

    /** The subnet routes the node's peers offer it, e.g. {@code 192.168.10.0/24}: what {@code --accept-routes} installs. */
    public List<String> subnetRoutes() {
        return subnetRoutes;
    }

    /** The Tailscale address of the exit node in use, empty when none. */
    public String exitNodeAddress() {
        return exitNodeAddress;
    }

    /** True when tailscaled is logged in and up. */
    public boolean running() {
        return "Running".equals(backendState);
    }

    /** The address to show first: the first IPv4 address, else the first address, else empty. */
    public String preferredAddress() {
        return addresses.stream().filter(ip -> ip.indexOf(':') < 0).findFirst()
                .orElse(addresses.isEmpty() ? "" : addresses.get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TailscaleStatus s && s.backendState.equals(backendState) && s.addresses.equals(addresses)
                && s.hostName.equals(hostName) && s.online == online && s.health.equals(health)
                && s.problem.equals(problem) && s.subnetRoutes.equals(subnetRoutes)
                && s.exitNodeAddress.equals(exitNodeAddress);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backendState, addresses, hostName, online, health, problem, subnetRoutes, exitNodeAddress);
    }

    @Override
    public String toString() {
        return "TailscaleStatus[" + backendState + " " + addresses + (problem.isEmpty() ? "" : ", " + problem) + "]";
    }
}
