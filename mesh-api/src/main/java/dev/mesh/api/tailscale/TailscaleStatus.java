package dev.mesh.api.tailscale;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of {@code tailscale status --json} mesh relies on (ipnstate.Status). That command exits 0
 * in every state, so the state is read from {@code BackendState}: NoState, InUseOtherUser,
 * NeedsLogin, NeedsMachineAuth, Stopped, Starting or Running. A node may have IPv4 and IPv6
 * addresses, or only one kind (a tailnet with only an IPv6 prefix): any address counts.
 */
public final class TailscaleStatus {
    private final String backendState;
    private final List<String> addresses;
    private final String hostName;
    private final boolean online;
    private final List<String> health;
    private final String problem;

    private TailscaleStatus(String backendState, List<String> addresses, String hostName, boolean online,
                            List<String> health, String problem) {
        this.backendState = Objects.requireNonNull(backendState, "backendState");
        this.addresses = List.copyOf(addresses);
        this.hostName = Objects.requireNonNullElse(hostName, "");
        this.online = online;
        this.health = List.copyOf(health);
        this.problem = Objects.requireNonNullElse(problem, "");
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
     * (missing reads as false) and {@code Health}.
     */
    public static TailscaleStatus fromJson(Map<String, Object> json) {
        Object state = json.get("BackendState");
        Map<?, ?> self = json.get("Self") instanceof Map<?, ?> m ? m : Map.of();
        List<String> ips = strings(json.get("TailscaleIPs"));
        if (ips.isEmpty()) {
            ips = strings(self.get("TailscaleIPs"));
        }
        Object host = self.get("HostName");
        return new TailscaleStatus(state == null ? "NoState" : state.toString(), ips,
                host == null ? "" : host.toString(), Boolean.TRUE.equals(self.get("Online")),
                strings(json.get("Health")), "");
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
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
                && s.problem.equals(problem);
    }

    @Override
    public int hashCode() {
        return Objects.hash(backendState, addresses, hostName, online, health, problem);
    }

    @Override
    public String toString() {
        return "TailscaleStatus[" + backendState + " " + addresses + (problem.isEmpty() ? "" : ", " + problem) + "]";
    }
}
