package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.syncthing.SyncthingPairingRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh syncthing unpair HOST… [--from HOST… | --from-tag T… ]}: takes hosts out of the pairing. */
@Command(name = "unpair", mixinStandardHelpOptions = true,
        description = {
            "Take hosts out of the Syncthing pairing: on every other host (the inventory's hosts, or --from/--from-tag),"
                + " stop sharing every folder with them and forget their devices; on each of them that can still be"
                + " reached, forget the other hosts the same way. The folders and their files stay where they are.",
            "A host that cannot be reached any more is recognised on the others by its name, as pair named its device.",
            "Running it again changes nothing and says so."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The hosts are out of the pairing (or were already).",
            "1:A host failed; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port), before any connection."})
final class SyncthingUnpairCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyncthingHostOptions options;

    @Option(names = "--from", paramLabel = "HOST", description = "A host to take them off (repeatable; default: every inventory host).")
    List<String> from = List.of();

    @Option(names = "--from-tag", paramLabel = "TAG", description = "The inventory's hosts with this tag, to take them off.")
    List<String> fromTags = List.of();

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console human = HostCommand.console(spec, options.output.format);
        try (MeshRuntime mesh = CliSupport.start(root, human, options.hostOptions.overrides())) {
            List<FleetTarget> removed = options.selection().resolve(mesh, options.hostOptions.port, false);
            HostSelection others = new HostSelection(from, from.isEmpty() && fromTags.isEmpty(), fromTags);
            List<String> removedNames = removed.stream().map(FleetTarget::name).toList();
            List<FleetTarget> peers = others.resolve(mesh, options.hostOptions.port, false).stream()
                    .filter(t -> !removedNames.contains(t.name())).toList();
            if (peers.isEmpty()) {
                throw new InvalidInputException("No other host to take " + String.join(", ", removedNames)
                        + " off: name them with --from HOST or --from-tag TAG.");
            }
            var gone = PairingCli.hosts(mesh, removed, Map.of(), new java.util.ArrayList<>());
            var staying = PairingCli.hosts(mesh, peers, Map.of(), new java.util.ArrayList<>());
            PairingCli.observe(mesh, root, human, concat(gone, staying));
            List<SyncthingPairingRun.HostReport> reports = mesh.syncthing(options.parallel).unpair(gone, staying,
                    PairingCli.listener(human, false));
            return PairingCli.finish(spec, human, PairingJson.UNPAIR, reports, options.output.json());
        }
    }

    private static List<SyncthingPairingRun.Host> concat(List<SyncthingPairingRun.Host> a, List<SyncthingPairingRun.Host> b) {
        List<SyncthingPairingRun.Host> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
