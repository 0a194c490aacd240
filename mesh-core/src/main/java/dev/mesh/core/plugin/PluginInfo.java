package dev.mesh.core.plugin;

import java.util.List;

/**
 * One plugin implementation that was found and loaded.
 *
 * @param id           the plugin's id
 * @param kind         {@code detector} or {@code provisioner}
 * @param version      the jar's Implementation-Version, or {@code unknown}
 * @param location     the jar (or directory) the class came from
 * @param className    the implementation class
 * @param spiVersion   the plugin SPI it was built for, e.g. {@code 2.0}
 * @param capabilities what a provisioner can do beyond joining (e.g. {@code install Syncthing}); empty for detectors
 */
public record PluginInfo(String id, String kind, String version, String location, String className,
                         String spiVersion, List<String> capabilities) {
    public PluginInfo {
        capabilities = List.copyOf(capabilities);
    }

    /** {@code plugin 'linux' (/opt/mesh/lib/mesh-os-linux.jar)}: how messages name a plugin. */
    public String describe() {
        return "plugin '" + id + "' (" + location + ")";
    }
}
