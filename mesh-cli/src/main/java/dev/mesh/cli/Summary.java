package dev.mesh.cli;

import dev.mesh.core.fleet.FleetRun;
import dev.mesh.core.provision.ProvisioningOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The end of a run in text: for one host, the seed's last line; for many, a table (host, outcome,
 * Tailscale IP, Headscale node, time, failure step and reason), the counts, then what each failed,
 * manual or interrupted host needs, each line naming its host.
 */
final class Summary {
    private final Console console;
    private final Hints hints;

    Summary(Console console, Hints hints) {
        this.console = console;
        this.hints = hints;
    }

    /** One host's outcome as its last lines; every failure line names the host. */
    void host(FleetTarget target, ProvisioningOutcome outcome) {
        console.plain("");
        String name = target.inventory() ? target.name() + " (" + target.host().display() + ")" : target.host().display();
        if (outcome instanceof ProvisioningOutcome.Success s) {
            if (s.tailscaleIp().isEmpty()) {
                console.ok(name + (s.changed() ? ": done" : ": nothing to change"));
            } else if (s.alreadyConnected() && !s.changed()) {
                console.ok(name + " was already on the mesh (" + s.tailscaleIp() + "); nothing changed");
            } else {
                console.ok(name + " is on the mesh: " + s.tailscaleIp());
            }
        } else if (outcome instanceof ProvisioningOutcome.Planned p) {
            console.ok(name + ": dry run, nothing changed; a run would " + (p.actions().isEmpty() ? "change nothing" : "do:"));
            p.actions().forEach(a -> console.plain("  - " + a));
        } else if (outcome instanceof ProvisioningOutcome.ManualNeeded m) {
            console.warn("Manual step needed on " + name + ":\n" + m.instructions());
        } else if (outcome instanceof ProvisioningOutcome.Interrupted i) {
            console.error("Stopped at " + i.step() + " on " + name + ": " + i.hostState());
        } else {
            ProvisioningOutcome.Failed f = (ProvisioningOutcome.Failed) outcome;
            console.error(name + ": " + f.reason().message() + " (at " + f.step() + ")\n" + f.cause() + "\nHint: "
                    + hints.forFailure(target, f));
        }
    }

    /** The table, the counts, the details of every host that did not simply succeed, then {@code warnings}. */
    void fleet(List<FleetTarget> targets, FleetRun.Report report, Duration took, List<String> warnings) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "OUTCOME", "TAILSCALE IP", "HEADSCALE NODE", "TIME", "FAILED AT", "REASON"});
        Map<HostOutcome, Integer> counts = new EnumMap<>(HostOutcome.class);
        int changed = 0;
        for (FleetRun.HostResult r : report.hosts()) {
            HostOutcome o = HostOutcome.of(r);
            counts.merge(o, 1, Integer::sum);
            ProvisioningOutcome outcome = r.outcome().orElse(null);
            String ip = outcome instanceof ProvisioningOutcome.Success s && !s.tailscaleIp().isEmpty() ? s.tailscaleIp() : "-";
            boolean didChange = outcome instanceof ProvisioningOutcome.Success s && s.changed();
            changed += didChange ? 1 : 0;
            String word = switch (o) {
                case SUCCESS -> didChange ? "joined" : "unchanged";
                case PLANNED -> "planned";
                case FAILED -> "failed";
                case MANUAL -> "manual step";
                case INTERRUPTED -> "interrupted";
                case NOT_STARTED -> "not started";
            };
            String step = outcome instanceof ProvisioningOutcome.Failed f ? f.step()
                    : outcome instanceof ProvisioningOutcome.Interrupted i ? i.step() : "";
            String reason = outcome instanceof ProvisioningOutcome.Failed f ? f.reason().message() : "";
            rows.add(new String[] {r.host().name(), FleetText.mark(o, console.marks()) + " " + word, ip,
                    r.node().map(n -> n.id() + " " + n.name()).orElse("-"),
                    r.started() ? FleetText.elapsed(r.elapsed()) : "-", step, reason});
        }
        console.plain("");
        table(rows).forEach(console::plain);
        console.plain("");
        console.plain(counts(report.hosts().size(), counts, changed, took));
        for (int i = 0; i < report.hosts().size(); i++) {
            FleetRun.HostResult r = report.hosts().get(i);
            if (r.outcome().isPresent() && !(r.outcome().get() instanceof ProvisioningOutcome.Success)) {
                host(targets.get(i), r.outcome().get());
            }
        }
        warnings.forEach(console::warn);
    }

    private static String counts(int hosts, Map<HostOutcome, Integer> counts, int changed, Duration took) {
        int ok = counts.getOrDefault(HostOutcome.SUCCESS, 0);
        StringBuilder line = new StringBuilder(hosts + (hosts == 1 ? " host" : " hosts") + " in "
                + FleetText.elapsed(took) + ": " + ok + " succeeded (" + changed + " changed, " + (ok - changed)
                + " unchanged), " + counts.getOrDefault(HostOutcome.FAILED, 0) + " failed");
        counts.forEach((o, n) -> {
            if (o == HostOutcome.PLANNED || o == HostOutcome.MANUAL || o == HostOutcome.INTERRUPTED
                    || o == HostOutcome.NOT_STARTED) {
                line.append(", ").append(n).append(switch (o) {
                    case PLANNED -> " planned (dry run)";
                    case MANUAL -> " need a manual step";
                    case INTERRUPTED -> " interrupted";
                    default -> " not started";
                });
            }
        });
        return line.toString();
    }

    /** Left-aligned columns, two spaces apart; trailing blanks trimmed. */
    static List<String> table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                widths[c] = Math.max(widths[c], r[c].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(c == r.length - 1 ? r[c] : String.format("%-" + widths[c] + "s  ", r[c]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
