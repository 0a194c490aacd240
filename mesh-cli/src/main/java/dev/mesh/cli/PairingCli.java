package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.api.StepListener;
import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.syncthing.SyncthingPairingRun;
import dev.mesh.core.syncthing.SyncthingPairingRun.HostReport;
import dev.mesh.core.syncthing.SyncthingPairingRun.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;

/**
 * What {@code mesh syncthing pair|unpair|status} and {@code mesh remote provision --pair-syncthing}
 * share: the selected hosts as pairing hosts (with their folders: the inventory's
 * {@code syncthing.folders}, then {@code --folder} flags), a progress line per change
 * ({@code web1: ✓ added device db1 …}), then the table and each host's status, or the JSON
 * document ({@link PairingJson}), and the exit code: 0 every host paired (changed, unchanged or
 * skipped), 1 any failed.
 */
final class PairingCli {
    private PairingCli() {
    }

    /**
     * The selected hosts to pair; hosts with {@code skip-syncthing} go to {@code skipped} instead.
     *
     * @param folders {@code --folder ID=PATH}, for every host, over the inventory's
     */
    static List<SyncthingPairingRun.Host> hosts(MeshRuntime mesh, List<FleetTarget> targets, Map<String, String> folders,
                                                List<HostReport> skipped) {
        List<SyncthingPairingRun.Host> hosts = new ArrayList<>();
        for (FleetTarget t : targets) {
            Map<String, String> own = new TreeMap<>(t.inventory() ? mesh.hosts().syncthingFolders(t.name()) : Map.of());
            own.putAll(folders);
            SyncthingPairingRun.Host host = new SyncthingPairingRun.Host(t.name(), t.host(), own);
            if (t.skipSyncthing()) {
                skipped.add(SyncthingPairingRun.skipped(host, "skip-syncthing is set for this host"));
            } else {
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** {@code --folder ID=PATH} values as ID → PATH; a bad one is exit 2. */
    static Map<String, String> folders(CommandLine.Model.CommandSpec spec, List<String> values) {
        Map<String, String> folders = new LinkedHashMap<>();
        for (String value : values) {
            int eq = value.indexOf('=');
            try {
                if (eq <= 0) {
                    throw new IllegalArgumentException("expected ID=PATH");
                }
                folders.put(dev.mesh.core.inventory.HostSetting.folderId(value.substring(0, eq)),
                        dev.mesh.core.inventory.HostSetting.folderPath(value.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--folder " + value + ": " + e.getMessage());
            }
        }
        return folders;
    }

    /** Progress: each host's lines, prefixed with its name; nothing but warnings for a status run. */
    static SyncthingPairingRun.Listener listener(Console console, boolean quiet) {
        return host -> prefixed(console, host.name(), quiet);
    }

    /** A host's progress lines on {@code console}, each prefixed with {@code name}; quiet: warnings only. */
    static StepListener prefixed(Console console, String name, boolean quiet) {
        return new StepListener() {
            @Override
            public void section(String title) {
            }

            @Override
            public void info(String message) {
                if (!quiet) {
                    console.info(name + ": " + message);
                }
            }

            @Override
            public void ok(String message) {
                if (!quiet) {
                    console.ok(name + ": " + message);
                }
            }

            @Override
            public void warn(String message) {
                console.warn(name + ": " + message);
            }
        };
    }

    /** {@code -v}: every host's remote commands. */
    static void observe(MeshRuntime mesh, MeshCommand root, Console console, List<SyncthingPairingRun.Host> hosts) {
        RemoteCli.observe(mesh, root, console, hosts.stream()
                .map(h -> new dev.mesh.core.remote.RemoteHosts.Target(h.name(), h.target())).toList());
    }

    /** Prints the reports (table and statuses, or JSON with {@code "command"}) and returns the exit code. */
    static int finish(CommandLine.Model.CommandSpec spec, Console human, String command, List<HostReport> reports,
                      boolean json) {
        int exit = exitCode(reports);
        if (json) {
            ObjectNode doc = PairingJson.document(command, reports, exit);
            HostRendering.print(spec.commandLine().getOut(), doc);
        }
        new PairingText(human).print(reports, command.equals(PairingJson.STATUS));
        return exit;
    }

    /**
     * {@code mesh remote provision --pair-syncthing}: the hosts that ended on the mesh (and install
     * Syncthing) paired with each other, with progress on {@code human}; null when not asked.
     */
    static List<HostReport> afterProvision(MeshRuntime mesh, List<FleetTarget> targets, dev.mesh.core.fleet.FleetRun.Report run,
                                           int parallel, Console human) {
        List<FleetTarget> joined = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            if (HostOutcome.of(run.hosts().get(i)) == HostOutcome.SUCCESS) {
                joined.add(targets.get(i));
            }
        }
        human.section("Pair Syncthing");
        List<HostReport> reports = new ArrayList<>();
        List<SyncthingPairingRun.Host> hosts = hosts(mesh, joined, Map.of(), reports);
        reports.addAll(0, mesh.syncthing(parallel).pair(hosts, listener(human, false)));
        return reports;
    }

    /** The provision's exit code with the pairing's: a failed pairing fails a run that otherwise succeeded. */
    static int withPairing(int exit, List<HostReport> pairing) {
        return pairing != null && exit == ExitCodes.OK ? exitCode(pairing) : exit;
    }

    static int exitCode(List<HostReport> reports) {
        return reports.stream().anyMatch(r -> r.outcome() == Outcome.FAILED) ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
