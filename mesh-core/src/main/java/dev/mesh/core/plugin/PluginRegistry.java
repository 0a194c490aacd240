package dev.mesh.core.plugin;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The OS plugins this process found: detectors in the order they are asked, provisioners by family,
 * and what could not be loaded.
 *
 * @param classLoader the loader that sees every plugin jar (and their {@code reference.conf})
 */
public record PluginRegistry(List<OsDetector> detectors, List<OsProvisioner> provisioners,
                             List<PluginInfo> infos, List<PluginProblem> problems, ClassLoader classLoader) {
    public PluginRegistry {
        detectors = detectors.stream().sorted(Comparator.comparingInt(OsDetector::order)).toList();
        provisioners = List.copyOf(provisioners);
        infos = List.copyOf(infos);
        problems = List.copyOf(problems);
    }

    /** The provisioner for an OS family, if one is installed. */
    public Optional<OsProvisioner> provisionerFor(String family) {
        return provisioners.stream().filter(p -> p.family().equals(family)).findFirst();
    }

    /** The families that can be provisioned, for "no plugin" messages. */
    public List<String> families() {
        return provisioners.stream().map(OsProvisioner::family).sorted().toList();
    }
}
