package dev.mesh.core.plugin;

import dev.mesh.api.Capability;
import dev.mesh.api.HostLocking;
import dev.mesh.api.HostPreparation;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.SyncthingSupport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The capabilities mesh-core asks provisioners for, each with what it lets a plugin do. */
public final class Capabilities {
    private static final Map<Class<? extends Capability>, String> WHAT = new LinkedHashMap<>();

    static {
        WHAT.put(SyncthingSupport.class, "install Syncthing");
        WHAT.put(HostPreparation.class, "prepare hosts");
        WHAT.put(HostLocking.class, "lock hosts");
        WHAT.put(SyncthingPairing.class, "pair Syncthing");
        WHAT.put(dev.mesh.api.HostStatusReport.class, "report host status");
        WHAT.put(dev.mesh.api.NodeRemoval.class, "remove hosts from the mesh");
        WHAT.put(dev.mesh.api.SharedShell.class, "run probes in one shared shell");
    }

    private Capabilities() {
    }

    /** What the capability lets a plugin do, e.g. {@code install Syncthing}, for "cannot ..." messages. */
    public static String describe(Class<? extends Capability> type) {
        return WHAT.getOrDefault(type, type.getSimpleName());
    }

    /** What {@code provisioner} can do beyond joining hosts; asks the plugin, so call it where a failure is contained. */
    static List<String> of(OsProvisioner provisioner) {
        return WHAT.entrySet().stream().filter(e -> provisioner.capability(e.getKey()).isPresent())
                .map(Map.Entry::getValue).toList();
    }
}
