package dev.mesh.core.plugin;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OS plugins this process found: detectors in the order they are asked, provisioners by family,
 * and what could not be loaded. Each plugin's id, order and family were asked once, when it was
 * loaded; the registry answers from that record, so looking a plugin up never runs plugin code.
 */
public final class PluginRegistry {

    /** A loaded plugin and what it said about itself at load time. */
    record Loaded<T>(T plugin, PluginInfo info, int order, String family) {
    }

    private final List<Loaded<OsDetector>> detectors;
    private final List<Loaded<OsProvisioner>> provisioners;
    private final List<PluginProblem> problems;
    private final ClassLoader classLoader;
    private final Map<Object, PluginInfo> infoByPlugin = new IdentityHashMap<>();

    PluginRegistry(List<Loaded<OsDetector>> detectors, List<Loaded<OsProvisioner>> provisioners,
                   List<PluginProblem> problems, ClassLoader classLoader) {
        this.detectors = detectors.stream().sorted(Comparator.comparingInt(Loaded::order)).toList();
        this.provisioners = List.copyOf(provisioners);
        this.problems = List.copyOf(problems);
        this.classLoader = classLoader;
        detectors.forEach(d -> infoByPlugin.put(d.plugin(), d.info()));
        provisioners.forEach(p -> infoByPlugin.put(p.plugin(), p.info()));
    }

    /** Plugins given directly (tests, embedding), asked for their id, order and family now. */
    public static PluginRegistry of(List<OsDetector> detectors, List<OsProvisioner> provisioners) {
        return new PluginRegistry(
                detectors.stream().map(d -> new Loaded<>(d, PluginLoader.info(d, d.id(), "detector", List.of()), d.order(), ""))
                        .toList(),
                provisioners.stream().map(p -> new Loaded<>(p, PluginLoader.info(p, p.id(), "provisioner",
                        Capabilities.of(p)), 0, p.family())).toList(),
                List.of(), PluginRegistry.class.getClassLoader());
    }

    public List<OsDetector> detectors() {
        return detectors.stream().map(Loaded::plugin).toList();
    }

    public List<OsProvisioner> provisioners() {
        return provisioners.stream().map(Loaded::plugin).toList();
    }

    /** Every plugin loaded, detectors first. */
    public List<PluginInfo> infos() {
        List<PluginInfo> all = new ArrayList<>();
        detectors.forEach(d -> all.add(d.info()));
        provisioners.forEach(p -> all.add(p.info()));
        return all;
    }

    /** The plugins that could not be used, each with its jar and why. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /** The loader that sees every plugin jar (and their {@code reference.conf}). */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** The provisioner for an OS family, if one is installed. */
    public Optional<OsProvisioner> provisionerFor(String family) {
        return provisioners.stream().filter(p -> p.family().equals(family)).map(Loaded::plugin).findFirst();
    }

    /** The families that can be provisioned, for "no plugin" messages. */
    public List<String> families() {
        return provisioners.stream().map(Loaded::family).sorted().toList();
    }

    /**
     * What was recorded about {@code plugin} (a detector or provisioner of this registry) when it loaded.
     *
     * @throws IllegalArgumentException when it is not one of this registry's plugins
     */
    public PluginInfo info(Object plugin) {
        PluginInfo info = infoByPlugin.get(plugin);
        if (info == null) {
            throw new IllegalArgumentException(plugin.getClass().getName() + " is not a plugin of this registry");
        }
        return info;
    }

    /** {@code plugin 'linux' (/path/to/its.jar)}, for messages about {@code plugin}. */
    public String describe(Object plugin) {
        PluginInfo info = infoByPlugin.get(plugin);
        return info != null ? info.describe() : "plugin " + plugin.getClass().getName() + " (" + PluginLoader.location(plugin.getClass()) + ")";
    }

    /**
     * Asks every provisioner to read its settings ({@link OsProvisioner#validate}), before any
     * connection.
     *
     * @param configs each plugin's configuration subtree, by plugin id
     * @return what each plugin's validate returned, by plugin id, for its steps
     * @throws PluginConfigException naming the bad key, or the plugin and its jar when validate fails
     *                               any other way
     */
    public Map<String, Object> validate(Function<String, PluginConfig> configs) {
        Map<String, Object> settings = new HashMap<>();
        for (Loaded<OsProvisioner> p : provisioners) {
            String id = p.info().id();
            try {
                settings.put(id, p.plugin().validate(configs.apply(id)));
            } catch (PluginConfigException e) {
                throw e;
            } catch (Throwable e) { // a plugin's bug or a linkage problem: named, not a stack trace
                throw new PluginConfigException(p.info().describe() + " failed while reading its settings: " + e);
            }
        }
        return settings;
    }
}
