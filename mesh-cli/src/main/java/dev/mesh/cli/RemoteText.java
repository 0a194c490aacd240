package dev.mesh.cli;

import dev.mesh.api.StatusReport;
import dev.mesh.api.tailscale.TailscaleReport;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.remote.RemoteHosts;
import dev.mesh.core.remote.RemovalRun;
import dev.mesh.core.remote.StatusRun;
import dev.mesh.core.syncthing.PairingStatus;
import dev.mesh.core.syncthing.SyncthingStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code mesh remote status} and {@code mesh remote remove} in text: one table row per host, then each
 * host's details (status) or its changes and what was left (remove), then failures with their hints.
 * Every line goes through the {@link Console} (and so {@code DisplayText}).
 */
final class RemoteText {
    private final Console console;

    RemoteText(Console console) {
        this.console = console;
    }

    void status(List<RemoteHosts.Visit<StatusRun.HostStatus>> visits) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"HOST", "OS", "TAILSCALE", "STATE", "ADDRESS", "HEADSCALE NODE", "SYNCTHING"});
        for (RemoteHosts.Visit<StatusRun.HostStatus> v : visits) {
            String os = v.os().map(o -> o.describe()).orElse("-");
            if (v.result().isEmpty()) {
                rows.add(new String[] {v.target().name(), os, console.marks().error() + " unreachable or failed", "-", "-", "-", "-"});
                continue;
            }
            StatusRun.HostStatus s = v.result().get();
            TailscaleReport t = s.report().tailscale();
            rows.add(new String[] {v.target().name(), os, t.installed() ? t.version().isEmpty() ? "installed" : t.version() : "not installed",
                    !t.installed() ? "-" : t.daemonRunning() ? t.status().backendState() : "tailscaled not running",
                    t.status().preferredAddress().isEmpty() ? "-" : t.status().preferredAddress(),
                    s.node().map(n -> n.display() + " (id " + n.id() + ", " + (n.online() ? "online" : "offline") + ")")
                            .orElse(s.headscale().isEmpty() ? "none" : "unknown"),
                    syncthing(s)});
        }
        console.plain("");
        Summary.table(rows).forEach(console::plain);
        for (RemoteHosts.Visit<StatusRun.HostStatus> v : visits) {
            v.result().ifPresent(s -> details(v.target().name(), s));
        }
        console.plain("");
        long failed = visits.stream().filter(v -> v.failure().isPresent()).count();
        console.plain(visits.size() + (visits.size() == 1 ? " host: " : " hosts: ") + (visits.size() - failed) + " answered, "
                + failed + " failed");
        failures(visits);
    }

    private void details(String name, StatusRun.HostStatus s) {
        TailscaleReport t = s.report().tailscale();
        console.plain("");
        console.plain(name + ":");
        if (t.installed()) {
            console.plain("  Tailscale " + t.version() + ", " + (t.daemonRunning() ? "tailscaled running, BackendState "
                    + t.status().backendState() : "tailscaled not running (" + t.status().problem().lines().findFirst().orElse("") + ")"));
            console.plain("  addresses: " + (t.status().addresses().isEmpty() ? "none" : String.join(", ", t.status().addresses())));
            console.plain("  control server: " + t.controlUrl().orElse("unknown"));
            t.preferences().ifPresent(p -> console.plain("  preferences (not default): " + (p.nonDefault().isEmpty() ? "none"
                    : String.join(" ", p.nonDefault().entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList()))));
        }
        if (s.node().isPresent()) {
            HeadscaleNode n = s.node().get();
            console.plain("  Headscale node " + n.id() + ": " + n.display() + ", " + (n.online() ? "online" : "offline")
                    + ", last seen " + n.lastSeen().map(Instant::toString).orElse("never")
                    + ", expires " + n.expiry().map(Instant::toString).orElse("never"));
        } else {
            console.plain("  Headscale node: " + (s.headscale().isEmpty() ? "none lists this host" : s.headscale()));
        }
        syncthingDetails(s);
        s.report().notes().forEach(n -> console.plain("  " + n));
    }

    /** Syncthing, then its pairing: the devices and folders, or why they are not shown. */
    private void syncthingDetails(StatusRun.HostStatus s) {
        PairingStatus p = s.syncthing();
        String installed = installed(s.report());
        if (p.status().isPresent()) {
            SyncthingStatus st = p.status().get();
            console.plain("  Syncthing " + st.version() + ", " + installed + ", device " + st.deviceId());
            PairingText.details(st, console.marks(), "    ").forEach(console::plain);
        } else if (p.state() == PairingStatus.State.NOT_INSTALLED || p.state() == PairingStatus.State.NOT_RUNNING) {
            console.plain("  Syncthing: " + installed);
        } else {
            console.plain("  Syncthing: " + installed + "; pairing: " + p.reason());
        }
    }

    /** The table's SYNCTHING cell: installed/running, and how many of its devices are connected. */
    private static String syncthing(StatusRun.HostStatus s) {
        PairingStatus p = s.syncthing();
        String installed = installed(s.report());
        return switch (p.state()) {
            case READ -> {
                List<SyncthingStatus.Device> devices = p.status().orElseThrow().devices();
                yield devices.isEmpty() ? installed + ", no devices" : installed + ", " + devices.stream()
                        .filter(SyncthingStatus.Device::connected).count() + "/" + devices.size() + " connected";
            }
            case NOT_ANSWERING -> installed + ", not answering";
            case FAILED -> installed + ", pairing unreadable";
            case UNSUPPORTED, NOT_INSTALLED, NOT_RUNNING -> installed;
        };
    }

    private static String installed(StatusReport r) {
        return r.syncthingRunning() ? "running" : r.syncthingInstalled() ? "installed, not running" : "not installed";
    }

    void removal(List<RemoteHosts.Visit<RemovalRun.HostRemoval>> visits, boolean dryRun) {
        for (RemoteHosts.Visit<RemovalRun.HostRemoval> v : visits) {
            v.result().ifPresent(r -> {
                console.plain("");
                if (!r.changed()) {
                    console.plain(v.target().name() + ": nothing " + (dryRun ? "to do" : "changed") + " (already removed)");
                } else {
                    console.plain(v.target().name() + (dryRun ? ": would " : ": done:"));
                    r.changes().forEach(c -> console.plain("  - " + c));
                }
                if (!r.left().isEmpty()) {
                    console.plain("  left:");
                    r.left().forEach(l -> console.plain("  - " + l));
                }
            });
        }
        console.plain("");
        long failed = visits.stream().filter(v -> v.failure().isPresent()).count();
        long changed = visits.stream().filter(v -> v.result().map(RemovalRun.HostRemoval::changed).orElse(false)).count();
        console.plain(visits.size() + (visits.size() == 1 ? " host: " : " hosts: ") + (dryRun ? "dry run, nothing changed; "
                + changed + " with something to do" : changed + " removed") + ", " + (visits.size() - failed - changed)
                + " unchanged, " + failed + " failed");
        failures(visits);
    }

    private void failures(List<? extends RemoteHosts.Visit<?>> visits) {
        for (RemoteHosts.Visit<?> v : visits) {
            v.failure().ifPresent(f -> console.error(v.target().name() + " (" + v.target().host().display() + "): "
                    + f.reason().message() + " (at " + f.step() + ")\n" + f.cause() + (f.hint().isEmpty() ? "" : "\nHint: " + f.hint())));
        }
    }
}
