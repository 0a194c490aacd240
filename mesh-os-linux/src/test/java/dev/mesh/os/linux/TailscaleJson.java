// Stands in for the tailscale CLI's JSON output (status --json, debug prefs), shaped as facts.md documents it.
package dev.mesh.os.linux;

final class TailscaleJson {
    private TailscaleJson() {
    }

    /** {@code tailscale status --json} in {@code state}; Running nodes have addresses. */
    static String status(String state, String... health) {
        boolean running = state.equals("Running");
        String ips = running ? "[\"100.64.0.7\", \"fd7a:115c:a1e0::7\"]" : "null";
        StringBuilder h = new StringBuilder("[");
        for (int i = 0; i < health.length; i++) {
            h.append(i == 0 ? "" : ", ").append('"').append(health[i].replace("\"", "\\\"")).append('"');
        }
        h.append(']');
        return "{\n  \"Version\": \"1.80.2-t1234\",\n  \"BackendState\": \"" + state + "\",\n"
                + "  \"TailscaleIPs\": " + ips + ",\n"
                + "  \"Self\": {\"HostName\": \"debian12\", \"DNSName\": \"debian12.mesh.\", \"Online\": " + running
                + ", \"TailscaleIPs\": " + ips + "},\n"
                + "  \"Health\": " + h + ",\n  \"Peer\": {}\n}\n";
    }

    /** {@code tailscale debug prefs} for a node logged in to {@code controlUrl}. */
    static String prefs(String controlUrl) {
        return "{\n  \"ControlURL\": \"" + controlUrl + "\",\n  \"RouteAll\": true,\n  \"WantRunning\": true,\n"
                + "  \"LoggedOut\": false,\n  \"Hostname\": \"\"\n}\n";
    }
}
