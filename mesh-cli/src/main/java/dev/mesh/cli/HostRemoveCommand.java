package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.inventory.InventoryEditor;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mesh host remove NAME}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a host from the inventory; everything else in the file stays as it was. It does not "
            + "touch the machine or the mesh.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Removed.", "2:No such host, or an inventory that does not read; nothing written."})
final class HostRemoveCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The host's name in the inventory.")
    String name;

    @Override
    public Integer call() {
        Console console = CliSupport.console(spec, MeshCommand.root(spec.commandLine()));
        try (MeshRuntime mesh = HostCommand.start(spec, console)) {
            Path file = mesh.hosts().files().file();
            new InventoryEditor(file).remove(name);
            console.ok("Removed " + name + " from " + file);
            return ExitCodes.OK;
        }
    }
}
