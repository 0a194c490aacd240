package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.inventory.HostFlags;
import dev.mesh.core.inventory.ResolvedHost;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh host show NAME [--output json]}: effective values and where each came from. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a host's effective values (address, SSH port, user and key, tags, skip-syncthing, "
            + "Tailscale preferences) and where each came from: the inventory's file and line (host, tag or "
            + "defaults), mesh.conf, an environment variable, a flag, or a default.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Shown.", "2:No such host, or an inventory or setting that does not read."})
final class HostShowCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The host's name in the inventory.")
    String name;

    @Mixin
    HostOutputOption output;

    @Override
    public Integer call() {
        Console console = HostCommand.console(spec, output.format);
        try (MeshRuntime mesh = HostCommand.start(spec, console)) {
            if (mesh.hosts().inventory().host(name).isEmpty()) {
                throw new MeshConfigException("no host named '" + name + "' in " + mesh.hosts().files().file());
            }
            ResolvedHost host = mesh.withLogin(mesh.hosts().host(HostSpec.parse(name), HostFlags.NONE));
            if (output.json()) {
                HostRendering.print(spec.commandLine().getOut(), HostRendering.JSON.createObjectNode()
                        .put("command", "host show").setAll(HostRendering.host(host, true)
                        .put("inventory", mesh.hosts().files().file().toString())));
                return ExitCodes.OK;
            }
            console.plain(name + " (" + mesh.hosts().files().file() + ")");
            Map<String, String[]> rows = new LinkedHashMap<>();
            HostRendering.fields(host).forEach((key, v) -> rows.put(key,
                    new String[] {HostRendering.text(v.value().orElse(null)), v.origin().toString()}));
            HostRendering.table(rows).forEach(console::plain);
            return ExitCodes.OK;
        }
    }
}
