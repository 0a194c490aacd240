package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.plugin.PluginProblem;
import dev.mesh.core.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/** What the commands share: the console, the plugins, the runtime. */
final class CliSupport {
    /** Set by bin/mesh to the distribution directory, whose plugins/ is scanned. */
    static final String HOME_PROPERTY = "mesh.home";

    private CliSupport() {
    }

    static Console console(CommandLine.Model.CommandSpec spec, MeshCommand root) {
        return Console.of(spec.commandLine().getOut(), spec.commandLine().getErr(), root.env);
    }

    static PluginRegistry plugins(MeshCommand root) {
        Optional<Path> home = Optional.ofNullable(System.getProperty(HOME_PROPERTY)).map(Path::of);
        return MeshRuntime.loadPlugins(home, root.env);
    }

    /**
     * Loads plugins and configuration, reporting (not failing on) plugins that would not load and
     * unknown settings. Everything here happens before any connection.
     */
    static MeshRuntime start(MeshCommand root, Console console, Map<String, Object> overrides) {
        return start(root, console, overrides, new TerminalSshInteraction(console));
    }

    /** As above, with the SSH client's events going through {@code interaction} (a fleet run routes them to its view). */
    static MeshRuntime start(MeshCommand root, Console console, Map<String, Object> overrides,
                             TerminalSshInteraction interaction) {
        PluginRegistry plugins = plugins(root);
        for (PluginProblem p : plugins.problems()) {
            console.warn("plugin from " + p.location() + " not loaded: " + p.message());
        }
        MeshRuntime runtime = MeshRuntime.start(plugins, Optional.ofNullable(root.configFile), root.env,
                root.withGlobalOverrides(overrides), interaction);
        runtime.warnings().forEach(console::warn);
        return runtime;
    }
}
