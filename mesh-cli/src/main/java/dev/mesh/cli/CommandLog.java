package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.ssh.CommandObserver;
import java.util.Map;

/**
 * {@code -v}: every remote command with its exit code and duration, per host
 * ({@code web1: $ sudo -n true  [exit 0, 12ms]}), secrets already redacted by core and the text made
 * safe by the view's console. A multi-line command (a script) shows its first line and how many follow.
 */
final class CommandLog implements CommandObserver {
    private final FleetView view;
    private final Map<TargetHost, String> names;

    /** @param names the run's hosts by where SSH connects; others (a Headscale server) show as user@host:port */
    CommandLog(FleetView view, Map<TargetHost, String> names) {
        this.view = view;
        this.names = Map.copyOf(names);
    }

    @Override
    public void commandEnded(Event e) {
        String first = e.command().strip().lines().findFirst().orElse("");
        long more = e.command().strip().lines().count() - 1;
        String end = e.timedOut() ? "timed out" : e.stopped() ? "stopped" : "exit " + e.exitCode();
        view.note(names.getOrDefault(e.host(), e.host().display()), "$ " + first
                + (more > 0 ? " … (+" + more + " lines)" : "") + "  [" + end + ", " + FleetText.elapsed(e.duration()) + "]");
    }
}
