package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.core.plugin.PluginInfo;
import dev.mesh.core.plugin.PluginProblem;
import dev.mesh.core.plugin.PluginRegistry;
import dev.mesh.core.text.DisplayText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh plugins}: what OS plugins this installation has. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List the OS plugins found on the class path, in plugins/ and in MESH_PLUGIN_PATH: "
            + "id, kind, version, plugin SPI, what each provisioner can do besides joining, and jar of each, then any"
            + " plugin that failed to load.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Listed, and every plugin loaded.", "1:At least one plugin failed to load.",
            "2:Bad usage or configuration (--config names a missing file)."})
final class PluginsCommand implements Callable<Integer> {
    static final String COMMAND = "plugins";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    HostOutputOption output;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = HostCommand.console(spec, output.format);
        PluginRegistry registry = CliSupport.plugins(root);
        int exit = registry.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
        if (output.json()) {
            HostRendering.print(spec.commandLine().getOut(), json(registry, exit));
        } else {
            // columns as wide as their widest cell, so a plugin with more capabilities never runs into its jar
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "KIND", "VERSION", "SPI", "CAN ALSO", "JAR"));
            for (PluginInfo p : registry.infos()) {
                String also = p.capabilities().isEmpty() ? "-" : String.join(", ", p.capabilities());
                rows.add(List.of(p.id(), p.kind(), p.version(), p.spiVersion(), also, String.valueOf(p.location())));
            }
            int[] width = new int[5];
            for (List<String> row : rows) {
                for (int i = 0; i < width.length; i++) {
                    width[i] = Math.max(width[i], row.get(i).length());
                }
            }
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < width.length; i++) {
                    line.append(String.format("%-" + width[i] + "s ", row.get(i)));
                }
                console.plain(line.append(row.get(5)).toString());
            }
        }
        for (PluginProblem p : registry.problems()) {
            console.error("failed to load from " + p.location() + ": " + p.message());
        }
        return exit;
    }

    /**
     * {@code {"command": "plugins", "plugins": [{"id", "kind", "version", "spi", "capabilities", "jar"}…],
     * "problems": [{"jar", "message"}…], "exit-code"}}.
     */
    private static ObjectNode json(PluginRegistry registry, int exit) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", COMMAND);
        ArrayNode plugins = doc.putArray("plugins");
        for (PluginInfo p : registry.infos()) {
            ObjectNode n = plugins.addObject().put("id", p.id()).put("kind", p.kind()).put("version", p.version())
                    .put("spi", p.spiVersion());
            ArrayNode caps = n.putArray("capabilities");
            p.capabilities().forEach(caps::add);
            n.put("jar", p.location());
        }
        ArrayNode problems = doc.putArray("problems");
        registry.problems().forEach(p -> problems.addObject().put("jar", p.location())
                .put("message", DisplayText.of(p.message())));
        return doc.put("exit-code", exit);
    }
}
