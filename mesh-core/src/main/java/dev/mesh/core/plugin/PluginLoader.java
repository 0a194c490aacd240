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
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds OS plugins with {@link ServiceLoader}: the class path first, then every jar in the plugin
 * directories ({@code plugins/} of the distribution and {@code MESH_PLUGIN_PATH}), all through one
 * class loader so Typesafe Config also finds each jar's {@code reference.conf}.
 *
 * <p>As in JUnit's engine registry: two plugins with one id are a hard error naming both jars; a
 * plugin that fails to load is reported with its jar while the others keep working.
 */
public final class PluginLoader {
    private static final Pattern PROVIDER = Pattern.compile("Provider (\\S+)");

    private PluginLoader() {
    }

    /**
     * Loads every plugin visible from {@code parent} plus the jars under {@code pluginPaths} (each a
     * jar or a directory of jars; missing entries are ignored).
     *
     * @throws PluginLoadException when two plugins of one kind share an id
     */
    public static PluginRegistry load(ClassLoader parent, List<Path> pluginPaths) {
        List<PluginProblem> problems = new ArrayList<>();
        ClassLoader loader = pluginClassLoader(parent, pluginPaths);
        List<PluginInfo> infos = new ArrayList<>();
        List<OsDetector> detectors = loadAll(OsDetector.class, loader, OsDetector::id,
                OsDetector::spiVersion, "detector", infos, problems);
        List<OsProvisioner> provisioners = loadAll(OsProvisioner.class, loader, OsProvisioner::id,
                OsProvisioner::spiVersion, "provisioner", infos, problems);
        return new PluginRegistry(detectors, provisioners, infos, problems, loader);
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

    private static <T> List<T> loadAll(Class<T> service, ClassLoader loader, Function<T, String> id,
                                       ToIntFunction<T> spiVersion, String kind,
                                       List<PluginInfo> infos, List<PluginProblem> problems) {
        List<T> found = new ArrayList<>();
        Map<String, String> locationById = new HashMap<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            T plugin;
            try {
                if (!it.hasNext()) {
                    break;
                }
                plugin = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add(new PluginProblem(locationOfFailed(service, loader, e), kind + ": " + rootMessage(e)));
                continue;
            }
            String location = location(plugin.getClass());
            String pluginId;
            int version;
            try {
                pluginId = id.apply(plugin);
                version = spiVersion.applyAsInt(plugin);
            } catch (RuntimeException | LinkageError e) {
                problems.add(new PluginProblem(location, kind + " " + plugin.getClass().getName() + ": " + rootMessage(e)));
                continue;
            }
            if (version != SpiVersion.CURRENT) {
                problems.add(new PluginProblem(location, kind + " '" + pluginId + "' was built for SPI version "
                        + version + ", this mesh has " + SpiVersion.CURRENT));
                continue;
            }
            String previous = locationById.putIfAbsent(pluginId, location);
            if (previous != null) {
                throw new PluginLoadException("Two " + kind + "s have the id '" + pluginId + "': " + previous
                        + " and " + location + ". Remove one of the jars.");
            }
            found.add(plugin);
            infos.add(new PluginInfo(pluginId, kind, version(plugin.getClass()), location, plugin.getClass().getName()));
        }
        return found;
    }

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

    /** The jar whose services file names the provider that failed. */
    private static String locationOfFailed(Class<?> service, ClassLoader loader, ServiceConfigurationError e) {
        Matcher m = PROVIDER.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) {
            return "unknown";
        }
        String className = m.group(1);
        try {
            for (URL url : Collections.list(loader.getResources("META-INF/services/" + service.getName()))) {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    if (in.lines().map(l -> l.replaceAll("#.*", "").strip()).anyMatch(className::equals)) {
                        return jarOf(url);
                    }
                }
            }
        } catch (IOException ignored) {
            // fall through: the jar stays unknown, the message still names the class
        }
        return "unknown";
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
