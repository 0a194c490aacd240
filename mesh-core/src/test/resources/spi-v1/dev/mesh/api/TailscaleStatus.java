package dev.mesh.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of {@code tailscale status --json} mesh relies on. That command exits 0 in every state,
 * so the state is read from {@code BackendState}: NoState, InUseOtherUser, NeedsLogin,
 * NeedsMachineAuth, Stopped, Starting or Running.
 *
 * @param backendState the {@code BackendState} field
 * @param tailscaleIps the node's addresses ({@code TailscaleIPs}, or {@code Self.TailscaleIPs})
 * @param hostName     {@code Self.HostName}, empty when absent
 * @param online       {@code Self.Online}; a missing value reads as false
 */
public record TailscaleStatus(String backendState, List<String> tailscaleIps, String hostName, boolean online) {
    public TailscaleStatus {
        Objects.requireNonNull(backendState, "backendState");
        tailscaleIps = List.copyOf(tailscaleIps);
        hostName = Objects.requireNonNullElse(hostName, "");
    }

    /** Reads the fields from the parsed JSON object (see {@link ProvisioningContext#parseJsonObject}). */
    public static TailscaleStatus fromJson(Map<String, Object> json) {
        Object state = json.get("BackendState");
        Map<?, ?> self = json.get("Self") instanceof Map<?, ?> m ? m : Map.of();
        List<String> ips = strings(json.get("TailscaleIPs"));
        if (ips.isEmpty()) {
            ips = strings(self.get("TailscaleIPs"));
        }
        Object host = self.get("HostName");
        return new TailscaleStatus(state == null ? "NoState" : state.toString(), ips,
                host == null ? "" : host.toString(), Boolean.TRUE.equals(self.get("Online")));
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** True when tailscaled is logged in and up. */
    public boolean running() {
        return "Running".equals(backendState);
    }

    /** The first IPv4 address, or empty. */
    public String ipv4() {
        return tailscaleIps.stream().filter(ip -> ip.indexOf(':') < 0).findFirst().orElse("");
    }

    /** True when {@code ip} lies in Tailscale's CGNAT range 100.64.0.0/10. */
    public static boolean isTailscaleIpv4(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            return false;
        }
        try {
            int first = Integer.parseInt(parts[0]);
            int second = Integer.parseInt(parts[1]);
            return first == 100 && second >= 64 && second <= 127;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
