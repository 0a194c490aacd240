package dev.mesh.cli;

import dev.mesh.core.plugin.PluginInfo;
import dev.mesh.core.plugin.PluginProblem;
import dev.mesh.core.plugin.PluginRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh plugins}: what OS plugins this installation has. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the OS plugins found on the class path, in plugins/ and in MESH_PLUGIN_PATH: "
            + "id, kind, version, plugin SPI, what each provisioner can do besides joining, and jar of each, then any"
            + " plugin that failed to load.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Listed, and every plugin loaded.", "1:At least one plugin failed to load."})
final class PluginsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = CliSupport.console(spec, root);
        PluginRegistry registry = CliSupport.plugins(root);
        console.plain(String.format("%-10s %-12s %-16s %-4s %-32s %s", "ID", "KIND", "VERSION", "SPI", "CAN ALSO", "JAR"));
        for (PluginInfo p : registry.infos()) {
            String also = p.capabilities().isEmpty() ? "-" : String.join(", ", p.capabilities());
            console.plain(String.format("%-10s %-12s %-16s %-4s %-32s %s", p.id(), p.kind(), p.version(), p.spiVersion(),
                    also, p.location()));
        }
        for (PluginProblem p : registry.problems()) {
            console.error("failed to load from " + p.location() + ": " + p.message());
        }
        return registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
