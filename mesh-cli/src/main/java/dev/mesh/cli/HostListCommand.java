package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.inventory.HostFlags;
import dev.mesh.core.inventory.ResolvedHost;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mesh host list [--tag T]… [--output json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the inventory's hosts with their effective address, port, user and tags.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Listed.", "2:Unknown tag, or an inventory that does not read."})
final class HostListCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--tag", paramLabel = "TAG", description = "Only hosts with this tag (repeatable: any of them).")
    List<String> tags = List.of();

    @Mixin
    HostOutputOption output;

    @Override
    public Integer call() {
        Console console = HostCommand.console(spec, output.format);
        try (MeshRuntime mesh = HostCommand.start(spec, console)) {
            List<ResolvedHost> hosts = mesh.hosts().select(tags, HostFlags.NONE).stream().map(mesh::withLogin).toList();
            if (output.json()) {
                ArrayNode list = HostRendering.JSON.createArrayNode();
                hosts.forEach(h -> list.add(HostRendering.host(h, false)));
                HostRendering.print(spec.commandLine().getOut(), HostRendering.JSON.createObjectNode()
                        .put("command", "host list").put("inventory", mesh.hosts().files().file().toString()).set("hosts", list));
                return ExitCodes.OK;
            }
            String format = "%-24s %-28s %-5s %-16s %s";
            console.plain(String.format(format, "NAME", "ADDRESS", "PORT", "USER", "TAGS"));
            for (ResolvedHost h : hosts) {
                console.plain(String.format(format, h.name(), HostRendering.text(h.address().value().orElse(null)),
                        HostRendering.text(h.port().value().orElse(null)), HostRendering.text(h.user().value().orElse(null)),
                        HostRendering.text(h.tags().value().orElse(null))));
            }
            if (hosts.isEmpty()) {
                console.info("No hosts in " + mesh.hosts().files().file() + (tags.isEmpty() ? "" : " with those tags"));
            }
            return ExitCodes.OK;
        }
    }
}
