package dev.mesh.core.plugin;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.SpiVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds OS plugins with {@link ServiceLoader}: the class path first, then every jar in the plugin
 * directories ({@code plugins/} of the distribution and {@code MESH_PLUGIN_PATH}), all through one
 * class loader so Typesafe Config also finds each jar's {@code reference.conf}.
 *
 * <p>As in JUnit's engine registry: two plugins with one id are a hard error naming both jars; a
 * plugin that fails to load is reported with its jar while the others keep working. Each plugin's
 * {@code spiVersion()} is checked against this mesh's ({@link SpiCompatibility}): a plugin built for
 * an older minor of the same major loads; a newer minor or another major is refused with both
 * versions named, before any of its code can fail with a {@code LinkageError} during a run.
 */
public final class PluginLoader {
    private PluginLoader() {
    }

    /**
     * Loads every plugin visible from {@code parent} plus the jars under {@code pluginPaths} (each a
     * jar or a directory of jars; missing entries are ignored). A plugin that cannot be loaded, was
     * built for a plugin SPI this mesh cannot run, or fails in any way while it describes itself is
     * reported in {@link PluginRegistry#problems()} with its jar; the others load.
     *
     * @throws PluginLoadException when two plugins of one kind share an id
     */
    public static PluginRegistry load(ClassLoader parent, List<Path> pluginPaths) {
        List<PluginProblem> problems = new ArrayList<>();
        ClassLoader loader = pluginClassLoader(parent, pluginPaths);
        List<PluginRegistry.Loaded<OsDetector>> detectors = loadAll(OsDetector.class, loader, "detector", problems,
                d -> new PluginRegistry.Loaded<>(d, info(d, d.id(), "detector", List.of()), d.order(), ""));
        List<PluginRegistry.Loaded<OsProvisioner>> provisioners = loadAll(OsProvisioner.class, loader, "provisioner",
                problems, p -> new PluginRegistry.Loaded<>(p, info(p, p.id(), "provisioner", Capabilities.of(p)), 0,
                        p.family()));
        return new PluginRegistry(detectors, provisioners, problems, loader);
    }

    /** The jar files a plugin path list names: jars as given, directories' {@code *.jar} sorted. */
    static List<Path> jars(List<Path> pluginPaths) {
        List<Path> jars = new ArrayList<>();
        for (Path path : pluginPaths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list plugin directory " + path, e);
                }
            } else if (Files.isRegularFile(path) && path.toString().endsWith(".jar")) {
                jars.add(path);
            }
        }
        return jars;
    }

    private static ClassLoader pluginClassLoader(ClassLoader parent, List<Path> pluginPaths) {
        List<Path> jars = jars(pluginPaths);
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("bad plugin path " + jars.get(i), e);
            }
        }
        return new URLClassLoader("mesh-plugins", urls, parent);
    }

    /**
     * Loads every provider of {@code service}. Plugin code runs only inside {@code describe} and the
     * constructor, both guarded: any {@link Throwable} (a {@code NoClassDefFoundError} from a plugin
     * built against another mesh-api included) becomes a problem naming the jar.
     */
    private static <T> List<PluginRegistry.Loaded<T>> loadAll(Class<T> service, ClassLoader loader, String kind,
            List<PluginProblem> problems, Function<T, PluginRegistry.Loaded<T>> describe) {
        List<PluginRegistry.Loaded<T>> found = new ArrayList<>();
        Map<String, String> locationById = new HashMap<>();
        Iterator<ServiceLoader.Provider<T>> it = ServiceLoader.load(service, loader).stream().iterator();
        while (true) {
            ServiceLoader.Provider<T> provider;
            try {
                if (!it.hasNext()) {
                    break;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                Optional<Map.Entry<String, String>> listed = listing(service, loader, rootMessage(e));
                problems.add(new PluginProblem(listed.map(Map.Entry::getValue).orElse("unknown"),
                        kind + " " + listed.map(Map.Entry::getKey).orElse("(unknown class)") + " " + failure(e)));
                continue;
            }
            Optional<PluginRegistry.Loaded<T>> loaded = load(service, loader, provider, kind, problems, describe);
            if (loaded.isEmpty()) {
                continue;
            }
            PluginInfo info = loaded.get().info();
            String previous = locationById.putIfAbsent(info.id(), info.location());
            if (previous != null) {
                throw new PluginLoadException("Two " + kind + "s have the id '" + info.id() + "': " + previous
                        + " and " + info.location() + ". Remove one of the jars.");
            }
            found.add(loaded.get());
        }
        return found;
    }

    private static <T> Optional<PluginRegistry.Loaded<T>> load(Class<T> service, ClassLoader loader,
            ServiceLoader.Provider<T> provider, String kind, List<PluginProblem> problems,
            Function<T, PluginRegistry.Loaded<T>> describe) {
        Class<? extends T> type = provider.type(); // loaded by the iterator already
        // the jar that lists it: where the operator put the plugin
        String location = listing(service, loader, type.getName()).map(Map.Entry::getValue).orElse(location(type));
        try {
            T plugin = provider.get();
            int version = versionOf(plugin);
            Optional<String> refusal = SpiCompatibility.refusal(version, SpiVersion.CURRENT);
            if (refusal.isPresent()) {
                problems.add(new PluginProblem(location, kind + " " + type.getName() + " " + refusal.get()));
                return Optional.empty();
            }
            return Optional.of(describe.apply(plugin));
        } catch (Throwable e) {
            problems.add(new PluginProblem(location, kind + " " + type.getName() + " " + failure(e)));
            return Optional.empty();
        }
    }

    private static int versionOf(Object plugin) {
        return plugin instanceof OsDetector d ? d.spiVersion() : ((OsProvisioner) plugin).spiVersion();
    }

    private static String failure(Throwable e) {
        String linkage = SpiCompatibility.linkFailure(e);
        return linkage != null ? linkage : "failed to load: " + rootMessage(e);
    }

    /** The record of a plugin that loaded; {@code id} was asked of it by the caller. */
    static PluginInfo info(Object plugin, String id, String kind, List<String> capabilities) {
        int version = versionOf(plugin);
        return new PluginInfo(id, kind, version(plugin.getClass()), location(plugin.getClass()),
                plugin.getClass().getName(), SpiVersion.toString(version), capabilities);
    }

    /** The jar (or directory) {@code type} was loaded from, or {@code unknown}. */
    static String location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "unknown";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (Exception e) {
            return source.getLocation().toString();
        }
    }

    private static String version(Class<?> type) {
        Package pkg = type.getPackage();
        String version = pkg == null ? null : pkg.getImplementationVersion();
        return version == null ? "unknown" : version;
    }

    /**
     * The provider listed in a services file of {@code service} whose class name {@code message}
     * mentions, with the jar of that services file: where a plugin that failed came from.
     */
    private static Optional<Map.Entry<String, String>> listing(Class<?> service, ClassLoader loader, String message) {
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/services/" + service.getName()))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    Optional<String> named = in.lines().map(l -> l.replaceAll("#.*", "").strip())
                            .filter(c -> !c.isEmpty() && Pattern.compile("(?<![\\w.$])" + Pattern.quote(c) + "(?![\\w$])")
                                    .matcher(message).find())
                            .findFirst();
                    if (named.isPresent()) {
                        return Optional.of(Map.entry(named.get(), jarOf(url)));
                    }
                }
            }
        } catch (IOException ignored) {
            // fall through: the jar stays unknown, the message still names the class
        }
        return Optional.empty();
    }

    private static String jarOf(URL servicesFile) {
        String s = servicesFile.toString();
        if (s.startsWith("jar:")) {
            s = s.substring(4, s.indexOf("!/"));
        } else {
            s = s.substring(0, s.indexOf("META-INF/"));
        }
        try {
            return Path.of(new URL(s).toURI()).toString();
        } catch (Exception e) {
            return s;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(": ").append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
        }
        return sb.toString();
    }
}
