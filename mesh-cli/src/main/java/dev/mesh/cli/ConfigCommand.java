package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.MeshConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh config}: where settings come from, and every environment variable. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Show where mesh reads its settings from, in order of precedence, and every "
            + "MESH_* environment variable with the setting it overrides.")
final class ConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        spec.commandLine().getOut().print(MeshConfigLoader.describeSources()
                .replace(MeshConfigLoader.defaultUserFile().toString(), MeshRuntime.userConfigFile(root.env).toString()));
        spec.commandLine().getOut().println("Also read:");
        spec.commandLine().getOut().println("       MESH_PLUGIN_PATH  directories or jars with extra OS plugins, ':'-separated");
        spec.commandLine().getOut().println("       XDG_CONFIG_HOME   where mesh/mesh.conf is looked for (default ~/.config)");
        spec.commandLine().getOut().println("       NO_COLOR          plain output even on a terminal");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
