package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.remote.RemoteHosts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code mesh remote status} and {@code mesh remote remove} share: the selected hosts as visit targets, {@code -v}. */
final class RemoteCli {
    private RemoteCli() {
    }

    static List<RemoteHosts.Target> targets(MeshRuntime mesh, List<FleetTarget> selected) {
        return selected.stream().map(t -> new RemoteHosts.Target(t.name(), t.host())).toList();
    }

    /** {@code -v}: every host's remote commands. */
    static void observe(MeshRuntime mesh, MeshCommand root, Console console, List<RemoteHosts.Target> targets) {
        if (root.verbosity() >= 1) {
            Map<TargetHost, String> names = new LinkedHashMap<>();
            targets.forEach(t -> names.putIfAbsent(t.host(), t.name()));
            mesh.observeCommands(new CommandLog(new PlainView(console), names));
        }
    }
}
