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

/** {@code mesh syncthing status HOST… | --tag T… | --all}: each host's pairing, changing nothing. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each selected host's Syncthing: its device ID and version, the devices it knows and whether"
                + " each is connected, its folders and their state. Changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host answered.",
            "1:A host could not be asked; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port), before any connection."})
final class SyncthingStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyncthingHostOptions options;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console human = HostCommand.console(spec, options.output.format);
        try (MeshRuntime mesh = CliSupport.start(root, human, options.hostOptions.overrides())) {
            List<FleetTarget> targets = options.selection().resolve(mesh, options.hostOptions.port, false);
            List<HostReport> reports = new ArrayList<>();
            var hosts = PairingCli.hosts(mesh, targets, Map.of(), reports);
            PairingCli.observe(mesh, root, human, hosts);
            reports.addAll(0, mesh.syncthing(options.parallel).status(hosts, PairingCli.listener(human, true)));
            return PairingCli.finish(spec, human, PairingJson.STATUS, reports, options.output.json());
        }
    }
}
