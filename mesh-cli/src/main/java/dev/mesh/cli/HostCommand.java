package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh host}: the inventory of hosts (README "Inventory"). */
@Command(name = "host", mixinStandardHelpOptions = true,
        description = {"The host inventory: hosts by name with their address, SSH login, tags and Tailscale "
            + "preferences, in ~/.config/mesh/hosts.conf ($XDG_CONFIG_HOME/mesh/hosts.conf; --inventory FILE or "
            + "MESH_INVENTORY for another). A HOST argument anywhere in mesh may be a name from it."})
final class HostCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Settings and plugins for a host subcommand (no connection is made). */
    static MeshRuntime start(CommandLine.Model.CommandSpec spec, Console console) {
        return CliSupport.start(MeshCommand.root(spec.commandLine()), console, Map.of());
    }

    /** Progress and messages on standard error when standard output carries JSON. */
    static Console console(CommandLine.Model.CommandSpec spec, OutputFormat output) {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = CliSupport.console(spec, root);
        return output == OutputFormat.json ? console.toErr() : console;
    }
}
