package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The read-only {@code tailscale} commands the steps share. */
final class TailscaleCli {

    /**
     * {@code tailscale status --json}, parsed.
     *
     * @param status  the state; {@code NoState} when the output was not readable
     * @param health  the {@code Health} messages
     * @param problem why the output was not readable (e.g. tailscaled not running), else empty
     */
    record NodeStatus(TailscaleStatus status, List<String> health, String problem) {
    }

    private final LinuxShell shell;
    private final ProvisioningContext ctx;

    TailscaleCli(LinuxShell shell, ProvisioningContext ctx) {
        this.shell = shell;
        this.ctx = ctx;
    }

    /** {@code command -v tailscale} (exit 1 in bash, 127 in dash when missing). */
    boolean installed() {
        return shell.run("command -v tailscale").succeeded();
    }

    /** The first line of {@code tailscale version}, e.g. {@code 1.80.2}; "unknown version" when unreadable. */
    String version() {
        CommandResult r = shell.run("tailscale version");
        String first = r.out().lines().findFirst().orElse("").strip();
        return r.succeeded() && !first.isEmpty() ? first : "(unknown version)";
    }

    /** The node's state; exits 0 in every state, so the state is read from the JSON. */
    NodeStatus status() {
        CommandResult r = shell.run("tailscale status --json");
        try {
            Map<String, Object> json = ctx.parseJsonObject(r.stdout());
            List<String> health = json.get("Health") instanceof List<?> list
                    ? list.stream().map(String::valueOf).toList() : List.of();
            return new NodeStatus(TailscaleStatus.fromJson(json), health, "");
        } catch (IllegalArgumentException e) {
            String problem = r.combinedOutput().isEmpty() ? "no output" : r.combinedOutput();
            return new NodeStatus(new TailscaleStatus("NoState", List.of(), "", false), List.of(), problem);
        }
    }

    /**
     * {@code ControlURL} from {@code tailscale debug prefs} (run as root: it reads the daemon's
     * preferences). Not a stable interface, so any failure is just "unknown".
     */
    Optional<String> controlUrl() {
        CommandResult r = shell.run(RootCommand.tailscalePrefs());
        if (!r.succeeded()) {
            return Optional.empty();
        }
        try {
            Object url = ctx.parseJsonObject(r.stdout()).get("ControlURL");
            return url instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code tailscale ip -4}: the node's IPv4 address, or empty. */
    String ipv4() {
        CommandResult r = shell.run("tailscale ip -4");
        return r.succeeded() ? r.out().lines().findFirst().orElse("").strip() : "";
    }
}
