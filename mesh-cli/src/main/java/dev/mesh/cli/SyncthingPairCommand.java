package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.syncthing.SyncthingPairingRun.HostReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh syncthing pair HOST… | --tag T… | --all [--folder ID=PATH]…}. */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {
            "Pair every selected host's Syncthing with every other's over the tailnet: read each host's device ID"
                + " and Tailscale address, add every other host as a device at tcp://ADDRESS:22000 only (no global"
                + " discovery, no relays for these devices), and create or extend the shared folders (the inventory's"
                + " syncthing.folders, and --folder) on every host that has them.",
            "Syncthing is reached the way its own tools reach it: its REST API on the host's loopback, with the API key"
                + " read from its config.xml on the host; the key never leaves the host.",
            "A second run changes nothing and says so; a host added later is added everywhere. Ends with each host's"
                + " devices, connections and folders."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host is paired (or was already).",
            "1:A host failed; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port, --folder), before any connection."})
final class SyncthingPairCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyncthingHostOptions options;

    @Option(names = "--folder", paramLabel = "ID=PATH",
            description = "A folder to share on every selected host, at PATH there (repeatable; over the inventory's"
                    + " syncthing.folders for the same ID). Syncthing expands ~.")
    List<String> folders = List.of();

    @Override
    public Integer call() {
        Map<String, String> wanted = PairingCli.folders(spec, folders);
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console human = HostCommand.console(spec, options.output.format);
        try (MeshRuntime mesh = CliSupport.start(root, human, options.hostOptions.overrides())) {
            List<FleetTarget> targets = options.selection().resolve(mesh, options.hostOptions.port, false);
            List<HostReport> reports = new ArrayList<>();
            var hosts = PairingCli.hosts(mesh, targets, wanted, reports);
            PairingCli.observe(mesh, root, human, hosts);
            reports.addAll(0, mesh.syncthing(options.parallel).pair(hosts, PairingCli.listener(human, false)));
            return PairingCli.finish(spec, human, PairingJson.PAIR, reports, options.output.json());
        }
    }
}
