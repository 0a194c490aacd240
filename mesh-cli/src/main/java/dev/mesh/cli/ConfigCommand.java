package dev.mesh.cli;

import dev.mesh.core.config.MeshConfigLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh config}: where settings come from, and every environment variable. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"Show where mesh reads its settings from, in order of precedence, and every",
            "MESH_* environment variable with the setting it overrides."})
final class ConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(MeshConfigLoader.describeSources());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
