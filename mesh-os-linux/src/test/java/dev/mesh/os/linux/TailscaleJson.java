// Stands in for the tailscale CLI's JSON output (status --json, debug prefs), shaped as facts.md documents it.
package dev.mesh.os.linux;

/** JSON as the tailscale CLI prints it. */
public final class TailscaleJson {
    private TailscaleJson() {
    }

    /** {@code tailscale status --json} in {@code state}; Running nodes have an IPv4 and an IPv6 address. */
    public static String status(String state, String... health) {
        boolean running = state.equals("Running");
        String ips = running ? "[\"" + SimulatedDebianHost.TAILSCALE_IP + "\", \"" + SimulatedDebianHost.TAILSCALE_IP6 + "\"]"
                : "null";
        StringBuilder h = new StringBuilder("[");
        for (int i = 0; i < health.length; i++) {
            h.append(i == 0 ? "" : ", ").append('"').append(health[i].replace("\"", "\\\"")).append('"');
        }
        h.append(']');
        return "{\n  \"Version\": \"1.80.2-t1234\",\n  \"BackendState\": \"" + state + "\",\n"
                + "  \"TailscaleIPs\": " + ips + ",\n"
                + "  \"Self\": {\"HostName\": \"" + SimulatedDebianHost.HOST_NAME + "\", \"DNSName\": \"web1.mesh.\", \"Online\": "
                + running + ", \"TailscaleIPs\": " + ips + "},\n"
                + "  \"Health\": " + h + ",\n  \"Peer\": {}\n}\n";
    }

    /** {@code tailscale debug prefs} for a node logged in to {@code controlUrl}. */
    public static String prefs(String controlUrl) {
        return "{\n  \"ControlURL\": \"" + controlUrl + "\",\n  \"RouteAll\": true,\n  \"WantRunning\": true,\n"
                + "  \"LoggedOut\": false,\n  \"Hostname\": \"\"\n}\n";
    }
}
