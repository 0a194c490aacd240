package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import java.util.HashMap;
import java.util.Map;

/**
 * The Syncthing the login user already has, in any form: mesh's own {@code syncthing@USER} system
 * unit; Syncthing's user unit {@code syncthing.service} under the user's systemd ({@code systemctl
 * --user}, running or enabled, also when the user's manager is not running now: its enablement link
 * in {@code ~/.config/systemd/user}); any {@code syncthing} process of the user (started by hand, by a
 * desktop session, by cron). One command, each answer on a {@code key=value} line.
 *
 * @param process       the pid of a {@code syncthing} process of the user, empty when none
 * @param unitActive    {@code systemctl is-active syncthing@USER}
 * @param unitEnabled   {@code systemctl is-enabled syncthing@USER}
 * @param userActive    {@code systemctl --user is-active syncthing.service}
 * @param userEnabled   {@code systemctl --user is-enabled syncthing.service}, or {@code enabled} when its link exists
 */
record ExistingSyncthing(String process, String unitActive, String unitEnabled, String userActive, String userEnabled) {

    /** Where {@code systemctl --user enable syncthing} links the unit (systemd.unit(5), [Install] WantedBy=default.target). */
    static final String USER_LINK = "$HOME/.config/systemd/user/default.target.wants/syncthing.service";

    static String command(String user) {
        String unit = LinuxShell.q("syncthing@" + user);
        return "echo \"process=$(pgrep -u \"$(id -u)\" -x syncthing | head -n 1)\"; "
                + "if [ -d /run/systemd/system ]; then "
                + "echo \"unit-active=$(systemctl is-active " + unit + " 2>/dev/null)\"; "
                + "echo \"unit-enabled=$(systemctl is-enabled " + unit + " 2>/dev/null)\"; "
                + "export XDG_RUNTIME_DIR=\"${XDG_RUNTIME_DIR:-/run/user/$(id -u)}\"; "
                + "echo \"user-active=$(systemctl --user is-active syncthing.service 2>/dev/null)\"; "
                + "echo \"user-enabled=$(systemctl --user is-enabled syncthing.service 2>/dev/null)\"; "
                + "fi; [ -e \"" + USER_LINK + "\" ] && echo user-link=yes; true";
    }

    static ExistingSyncthing find(LinuxShell shell, ProvisioningContext ctx) {
        CommandResult r = shell.probe(command(ctx.host().user()));
        Map<String, String> v = new HashMap<>();
        for (String line : r.stdout().split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                v.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        String userEnabled = "yes".equals(v.get("user-link")) ? "enabled" : v.getOrDefault("user-enabled", "");
        return new ExistingSyncthing(v.getOrDefault("process", ""), v.getOrDefault("unit-active", ""),
                v.getOrDefault("unit-enabled", ""), v.getOrDefault("user-active", ""), userEnabled);
    }

    /** mesh's own unit, enabled and running. */
    boolean ours() {
        return unitActive.equals("active") && unitEnabled.equals("enabled");
    }

    /** Syncthing runs for the user, or is set to, other than as mesh's unit. */
    boolean runsOtherwise() {
        boolean userUnit = userActive.equals("active") || userActive.equals("activating") || userEnabled.equals("enabled");
        boolean process = !this.process.isEmpty() && !unitActive.equals("active");
        return userUnit || process;
    }

    /** e.g. {@code the systemd user service syncthing.service (active)} or {@code a syncthing process (pid 412)}. */
    String describe() {
        if (userActive.equals("active") || userActive.equals("activating") || userEnabled.equals("enabled")) {
            return "the systemd user service syncthing.service (" + (userActive.isEmpty() ? "enabled" : userActive
                    + (userEnabled.isEmpty() ? "" : ", " + userEnabled)) + ")";
        }
        return "a syncthing process (pid " + process + ")";
    }
}
