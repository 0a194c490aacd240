package dev.mesh.cli;

import dev.mesh.api.RemovalOptions;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.authkey.HeadscaleNodes;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.remote.RemoteHosts;
import dev.mesh.core.remote.RemovalRun;
import dev.mesh.core.syncthing.SyncthingPairingRun;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mesh remote remove HOST…|--tag T}: takes hosts out of the mesh ({@link RemovalRun}), then out of
 * the Syncthing pairing with the inventory's other hosts (the {@code mesh syncthing unpair} run).
 */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {
            "Take hosts out of the mesh, in parallel: log each out of Tailscale (tailscale logout), delete its node in"
                + " Headscale (unless --keep-node), optionally uninstall Tailscale with the package manager that installed"
                + " it (--uninstall) and remove mesh's sudo rule and helper (--unprepare); then, when the inventory has"
                + " other hosts, take each removed host that has Syncthing out of their pairing (as mesh syncthing unpair)."
                + " Syncthing itself stays. Each host's output says what was left.",
            "Removing a host that is removed already changes nothing and says so. Asks for confirmation on a terminal"
                + " unless --yes; without a terminal --yes is required. --dry-run connects and reads, changes nothing,"
                + " and lists what would be done."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host is out of the mesh (or was already), or the dry run listed what it would do.",
            "1:A host failed; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port, no --yes without a terminal), before any connection."})
final class RemoteRemoveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyncthingHostOptions options;

    @Mixin
    ServerOption server;

    @Option(names = "--uninstall", description = "Also remove Tailscale with the package manager that installed it.")
    boolean uninstall;

    @Option(names = "--keep-node", description = "Keep the host's node in Headscale.")
    boolean keepNode;

    @Option(names = "--unprepare", description = "Also remove what mesh remote prepare installed (sudo rule and helper).")
    boolean unprepare;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--dry-run", description = "Connect and read only; change nothing and list what would be done.")
    boolean dryRun;

    @Override
    public Integer call() {
        if (options.all) {
            throw new InvalidInputException("remote remove takes HOST… or --tag TAG, not --all.");
        }
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console human = HostCommand.console(spec, options.output.format);
        try (MeshRuntime mesh = CliSupport.start(root, human, server.with(options.hostOptions.overrides()))) {
            List<FleetTarget> selected = options.selection().resolve(mesh, options.hostOptions.port, false);
            URI server = mesh.loginServer();
            HeadscaleNodes headscale = keepNode ? List::of : mesh.headscale();
            List<RemoteHosts.Target> targets = RemoteCli.targets(mesh, selected);
            if (!dryRun && !yes) {
                confirm(targets);
            }
            RemoteCli.observe(mesh, root, human, targets);
            RemovalRun.Request request = new RemovalRun.Request(RemovalOptions.of(uninstall, unprepare), keepNode, dryRun);
            List<RemoteHosts.Visit<RemovalRun.HostRemoval>> visits = new RemovalRun(mesh.remoteHosts(options.parallel), headscale)
                    .run(targets, t -> PairingCli.prefixed(human, t.name(), false), server, request);
            new RemoteText(human).removal(visits, dryRun);
            Optional<List<SyncthingPairingRun.HostReport>> pairing = unpair(mesh, human, selected, visits);
            int exit = visits.stream().anyMatch(v -> v.failure().isPresent()) ? ExitCodes.FAILURE
                    : pairing.map(PairingCli::exitCode).orElse(ExitCodes.OK);
            if (options.output.json()) {
                HostRendering.print(spec.commandLine().getOut(), RemoteJson.remove(visits, dryRun, pairing, exit));
            }
            return exit;
        }
    }

    /** Asks on the terminal; no terminal is exit 2 before any connection. */
    private void confirm(List<RemoteHosts.Target> targets) {
        java.io.Console terminal = System.console();
        if (terminal == null) {
            throw new InvalidInputException("No terminal to confirm the removal on: pass --yes (or --dry-run to see what"
                    + " would be done).");
        }
        String what = "tailscale logout" + (keepNode ? "" : ", delete the Headscale node") + (uninstall ? ", uninstall Tailscale" : "")
                + (unprepare ? ", remove mesh's sudo rule and helper" : "");
        String answer = terminal.readLine("Remove %s from the mesh (%s)? [y/N] ",
                String.join(", ", targets.stream().map(RemoteHosts.Target::name).toList()), what);
        if (answer == null || !answer.strip().toLowerCase(java.util.Locale.ROOT).matches("y|yes")) {
            throw new InvalidInputException("Not confirmed: nothing was changed.");
        }
    }

    /**
     * The removed hosts that have Syncthing, taken out of the pairing on the inventory's other hosts
     * (not skip-syncthing); empty when there are none or in a dry run (which says what it would do).
     */
    private Optional<List<SyncthingPairingRun.HostReport>> unpair(MeshRuntime mesh, Console human, List<FleetTarget> selected,
                                                                  List<RemoteHosts.Visit<RemovalRun.HostRemoval>> visits) {
        List<String> names = selected.stream().map(FleetTarget::name).toList();
        List<FleetTarget> gone = new ArrayList<>();
        for (int i = 0; i < selected.size(); i++) {
            if (visits.get(i).result().map(RemovalRun.HostRemoval::syncthingInstalled).orElse(false)) {
                gone.add(selected.get(i));
            }
        }
        List<FleetTarget> peers;
        try {
            peers = HostSelection.everyHost().resolve(mesh, null, false).stream()
                    .filter(t -> !names.contains(t.name()) && !t.skipSyncthing()).toList();
        } catch (MeshConfigException | InvalidInputException e) {
            peers = List.of();
        }
        if (gone.isEmpty()) {
            return Optional.empty();
        }
        String goneNames = String.join(", ", gone.stream().map(FleetTarget::name).toList());
        if (peers.isEmpty()) {
            human.info("Syncthing: no other inventory host to take " + goneNames + " off; Syncthing stays installed");
            return Optional.empty();
        }
        String peerNames = String.join(", ", peers.stream().map(FleetTarget::name).toList());
        if (dryRun) {
            human.info("A real run would take " + goneNames + " out of the Syncthing pairing on " + peerNames);
            return Optional.empty();
        }
        human.section("Take removed hosts out of the Syncthing pairing");
        return Optional.of(mesh.syncthing(options.parallel).unpair(PairingCli.hosts(mesh, gone, Map.of(), new ArrayList<>()),
                PairingCli.hosts(mesh, peers, Map.of(), new ArrayList<>()), PairingCli.listener(human, false)));
    }
}
