package dev.mesh.cli;

import dev.mesh.api.StepListener;
import dev.mesh.core.fleet.FleetRun;

/** One host: the seed's sections and ✓ ℹ ⚠ lines, as mesh always printed them. */
final class SectionedView implements FleetView {
    private final Console console;

    SectionedView(Console console) {
        this.console = console;
    }

    @Override
    public StepListener listener(FleetRun.Host host) {
        return console;
    }

    @Override
    public void note(String host, String line) {
        if (host == null) {
            console.info(line);
        } else {
            console.plain(host + ": " + line);
        }
    }

    @Override
    public void close() {
    }
}
