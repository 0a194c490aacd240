package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningRequest;
import dev.mesh.core.provision.StopSignal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What {@code mesh remote provision} and {@code provision-all} do: resolve the selected hosts
 * (exit 2 before any connection when one is wrong), run them through one {@link FleetRun}, show
 * progress ({@link FleetView}), then the summary or the JSON document, and return the exit code:
 * 0 all succeeded, 1 any failed, 3 a manual step and none failed, 130 stopped.
 */
final class FleetProvisioning {
    /** The command name in JSON documents. */
    static final String COMMAND = "remote provision";

    private final CommandLine.Model.CommandSpec spec;
    private final ProvisionOptions options;
    private final MeshCommand root;

    FleetProvisioning(CommandLine.Model.CommandSpec spec, ProvisionOptions options) {
        this.spec = spec;
        this.options = options;
        this.root = MeshCommand.root(spec.commandLine());
    }

    int run(HostSelection selection) {
        if (options.parallel < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be at least 1, got "
                    + options.parallel);
        }
        Console console = CliSupport.console(spec, root);
        Console human = options.output.json() ? console.toErr() : console;
        TerminalSshInteraction interaction = new TerminalSshInteraction(human);
        try (MeshRuntime mesh = CliSupport.start(root, human, options.overrides(), interaction)) {
            List<FleetTarget> targets = selection.resolve(mesh, options.hostOptions.port, options.skipSyncthing);
            URI server = mesh.loginServer();
            KeyPolicy policy = mesh.keyPolicy();
            mesh.headscale(); // checks the Headscale source's settings before any connection
            List<FleetRun.Host> hosts = new ArrayList<>();
            Map<TargetHost, String> names = new LinkedHashMap<>();
            for (FleetTarget t : targets) {
                hosts.add(new FleetRun.Host(t.name(), new ProvisioningRequest(t.host(), server, policy,
                        new ProvisioningOptions(t.skipSyncthing(), options.dryRun), options.force,
                        ProvisioningRequest.preferences(t.preferences()))));
                names.putIfAbsent(t.host(), t.name());
            }
            Hints hints = new Hints(root.inventoryFile, options.hostOptions.identity);
            boolean single = selection.single();
            FleetView view = view(human, single, targets);
            interaction.routeTo(view);
            if (root.verbosity() >= 1) {
                mesh.observeCommands(new CommandLog(view, names));
            }
            StopSignal stop = root.newStop();
            long start = System.nanoTime();
            FleetRun.Report report;
            try (view; Interrupts interrupts = Interrupts.install(stop, view::stopping, Interrupts::exit)) {
                report = mesh.fleet(options.parallel).run(hosts, view, stop);
            }
            interaction.routeTo(null);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            List<HostOutcome> outcomes = report.hosts().stream().map(HostOutcome::of).toList();
            int exit = HostOutcome.exitCode(outcomes, stop.stopRequested());
            List<String> warnings = warnings(report);
            var pairing = options.pairSyncthing && !options.dryRun && !stop.stopRequested()
                    ? PairingCli.afterProvision(mesh, targets, report, options.parallel, human) : null;
            exit = PairingCli.withPairing(exit, pairing);
            if (options.output.json()) {
                List<ObjectNode> results = new ArrayList<>();
                for (int i = 0; i < targets.size(); i++) {
                    FleetRun.HostResult r = report.hosts().get(i);
                    results.add(ResultJson.host(targets.get(i), r.report(), r.elapsed(), r.node(), hints));
                }
                HostRendering.print(spec.commandLine().getOut(), PairingJson.attach(ResultJson.document(COMMAND, results,
                        warnings, exit), pairing));
            }
            Summary summary = new Summary(human, hints);
            if (single) {
                report.hosts().get(0).outcome().ifPresent(o -> summary.host(targets.get(0), o));
                warnings.forEach(human::warn);
            } else {
                summary.fleet(targets, report, took, warnings);
            }
            if (pairing != null) {
                new PairingText(human).print(pairing, false);
            }
            return exit;
        }
    }

    /** The run's warnings, then every pre-auth key a host's run could not expire (named, never by value). */
    private static List<String> warnings(FleetRun.Report report) {
        List<String> warnings = new ArrayList<>(report.warnings());
        for (FleetRun.HostResult r : report.hosts()) {
            r.report().ifPresent(p -> p.keysLeftValid().forEach(k -> warnings.add(r.host().name() + ": " + k
                    + " is still valid: expire it on the Headscale server")));
        }
        return warnings;
    }

    /**
     * One host: the sections, as always. Many: the live view on a terminal (not with NO_COLOR, -v or
     * JSON), else plain lines.
     */
    private FleetView view(Console human, boolean single, List<FleetTarget> targets) {
        if (single) {
            return new SectionedView(human);
        }
        if (!options.output.json() && human.color() && root.verbosity() == 0) {
            var live = LiveView.open(targets.stream().map(FleetTarget::name).toList(), human.marks());
            if (live.isPresent()) {
                return live.get();
            }
        }
        return new PlainView(human);
    }
}
