package dev.mesh.cli;

import dev.mesh.api.StepListener;
import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningState;

/**
 * One line per step change, prefixed with the host's name ({@code web1: PREFLIGHT (Check host)}), so
 * a log of a fleet run can be grepped per host; warnings likewise; one line when a host ends. Every
 * line goes through the {@link Console} (escaped, secrets scrubbed).
 */
final class PlainView implements FleetView {
    private final Console console;

    PlainView(Console console) {
        this.console = console;
    }

    @Override
    public StepListener listener(FleetRun.Host host) {
        String name = host.name();
        return new StepListener() {
            @Override
            public void section(String title) {
                ProvisioningState state = HostOutcome.state(title);
                line(name, (state == null ? "" : state.name() + " ") + "(" + title + ")");
            }

            @Override
            public void info(String message) {
                // the summary tells the outcome; step details are in the single-host and -v output
            }

            @Override
            public void ok(String message) {
            }

            @Override
            public void warn(String message) {
                line(name, console.marks().warn() + " " + message);
            }
        };
    }

    @Override
    public void finished(FleetRun.HostResult result) {
        HostOutcome outcome = HostOutcome.of(result);
        line(result.host().name(), FleetText.mark(outcome, console.marks()) + " " + FleetText.outcome(result)
                + (result.started() ? " (" + FleetText.elapsed(result.elapsed()) + ")" : ""));
    }

    @Override
    public void note(String host, String line) {
        if (host == null) {
            console.plain(line);
        } else {
            line(host, line);
        }
    }

    private void line(String host, String text) {
        String first = text.lines().findFirst().orElse("");
        long more = text.lines().count() - 1;
        console.plain(host + ": " + first + (more > 0 ? " (+" + more + " lines)" : ""));
    }

    @Override
    public void close() {
    }
}
