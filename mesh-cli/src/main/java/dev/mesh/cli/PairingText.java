package dev.mesh.cli;

import dev.mesh.core.syncthing.SyncthingPairingRun.HostReport;
import dev.mesh.core.syncthing.SyncthingPairingRun.Outcome;
import dev.mesh.core.syncthing.SyncthingStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * A pairing run in text: one table row per host (outcome, device ID, Syncthing version, tailnet
 * address, changes), the counts ("nothing changed" on a second run), then each host's devices with
 * their connection and its folders with their state, and what failed with a hint. Every line goes
 * through the {@link Console} (host text escaped, secrets scrubbed).
 */
final class PairingText {
    private final Console console;

    PairingText(Console console) {
        this.console = console;
    }

    void print(List<HostReport> reports, boolean statusOnly) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "OUTCOME", "DEVICE ID", "SYNCTHING", "TAILNET ADDRESS", "CHANGES"});
        for (HostReport r : reports) {
            SyncthingStatus s = r.status().orElse(null);
            rows.add(new String[] {r.host().name(), mark(r.outcome()) + " " + word(r.outcome(), statusOnly),
                    s == null ? "-" : shortId(s.deviceId()), s == null ? "-" : s.version(),
                    s == null || s.tailnetAddresses().isEmpty() ? "-" : s.tailnetAddresses().get(0),
                    r.outcome() == Outcome.FAILED || r.outcome() == Outcome.SKIPPED ? "-" : String.valueOf(r.changes().size())});
        }
        console.plain("");
        Summary.table(rows).forEach(console::plain);
        console.plain("");
        console.plain(counts(reports, statusOnly));
        for (HostReport r : reports) {
            r.status().ifPresent(s -> status(r.host().name(), s));
        }
        for (HostReport r : reports) {
            r.failure().ifPresent(f -> {
                if (r.outcome() == Outcome.FAILED) {
                    console.error(r.host().name() + " (" + r.host().target().display() + "): " + f.reason().message()
                            + " (at " + f.step() + ")\n" + f.cause() + (f.hint().isEmpty() ? "" : "\nHint: " + f.hint()));
                } else {
                    console.info(r.host().name() + ": skipped: " + f.cause());
                }
            });
        }
    }

    private void status(String name, SyncthingStatus s) {
        console.plain("");
        console.plain(name + ": Syncthing " + s.version() + ", device " + s.deviceId());
        details(s, console.marks(), "  ").forEach(console::plain);
    }

    /**
     * A pairing status's lines, each starting with {@code indent}: every device with its addresses and
     * connection, every folder with its state, files to fetch, error and who it is shared with. Also
     * {@code mesh remote status}'s.
     */
    static List<String> details(SyncthingStatus s, Markers marks, String indent) {
        List<String> lines = new ArrayList<>();
        if (s.devices().isEmpty()) {
            lines.add(indent + "devices: none");
        }
        for (SyncthingStatus.Device d : s.devices()) {
            lines.add(indent + "device " + d.name() + " (" + shortId(d.deviceId()) + ") at " + String.join(", ", d.addresses())
                    + ": " + (d.connected() ? marks.ok() + " connected (" + d.address() + ")" : marks.warn() + " not connected"));
        }
        for (SyncthingStatus.Folder f : s.folders()) {
            lines.add(indent + "folder " + f.id() + " at " + f.path() + ": " + f.state()
                    + (f.needFiles() > 0 ? ", " + f.needFiles() + " files to fetch" : "")
                    + (f.error().isEmpty() ? "" : ", " + f.error())
                    + ", shared with " + (f.sharedWith().isEmpty() ? "nobody" : String.join(", ", f.sharedWith())));
        }
        return lines;
    }

    private String counts(List<HostReport> reports, boolean statusOnly) {
        long changed = reports.stream().filter(r -> r.outcome() == Outcome.CHANGED).count();
        long failed = reports.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
        long skipped = reports.stream().filter(r -> r.outcome() == Outcome.SKIPPED).count();
        long ok = reports.size() - failed - skipped;
        String hosts = reports.size() + (reports.size() == 1 ? " host" : " hosts");
        if (statusOnly) {
            return hosts + ": " + ok + " answered, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : "");
        }
        return hosts + ": " + (changed == 0 && failed == 0 ? "nothing changed" : changed + " changed, " + (ok - changed)
                + " unchanged, " + failed + " failed") + (skipped > 0 ? ", " + skipped + " skipped" : "");
    }

    private String mark(Outcome outcome) {
        return switch (outcome) {
            case CHANGED, UNCHANGED -> console.marks().ok();
            case FAILED -> console.marks().error();
            case SKIPPED -> "-";
        };
    }

    private static String word(Outcome outcome, boolean statusOnly) {
        return switch (outcome) {
            case CHANGED -> "changed";
            case UNCHANGED -> statusOnly ? "answered" : "unchanged";
            case FAILED -> "failed";
            case SKIPPED -> "skipped";
        };
    }

    static String shortId(String deviceId) {
        return deviceId.length() > 7 ? deviceId.substring(0, 7) : deviceId;
    }
}
