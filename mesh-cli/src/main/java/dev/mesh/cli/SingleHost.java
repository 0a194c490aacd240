package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import java.util.List;
import java.util.Map;

/** What the one-host commands ({@code detect}, {@code prepare}) share with the fleet path. */
final class SingleHost {
    private SingleHost() {
    }

    /** HOST as the fleet path resolves it (inventory name or SSH destination), before any connection. */
    static FleetTarget resolve(MeshRuntime mesh, String host, Integer port) {
        return new HostSelection(List.of(host), false, List.of()).resolve(mesh, port, false).get(0);
    }

    /** {@code -v}: the host's remote commands on the console. */
    static void observe(MeshRuntime mesh, MeshCommand root, Console console, FleetTarget target) {
        if (root.verbosity() >= 1) {
            mesh.observeCommands(new CommandLog(new SectionedView(console), Map.<TargetHost, String>of(
                    target.host(), target.name())));
        }
    }

    static Hints hints(MeshCommand root, HostOptions hostOptions) {
        return new Hints(root.inventoryFile, hostOptions.identity);
    }
}
