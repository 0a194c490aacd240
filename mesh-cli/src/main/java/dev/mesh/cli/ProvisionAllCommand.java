package dev.mesh.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh remote provision-all}: the seed's name for {@code mesh remote provision --all}. */
@Command(name = "provision-all", mixinStandardHelpOptions = true,
        description = "Provision every host of the inventory: the same as `mesh remote provision --all`.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host is on the mesh.",
            "1:A host failed; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (empty or bad inventory, port, URL), before any connection.",
            "3:A manual step is needed on a host (and none failed); the output says what to run.",
            "130:Stopped by Ctrl-C or SIGTERM; the summary says what each host was left in."})
final class ProvisionAllCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ProvisionOptions options;

    @Override
    public Integer call() {
        return new FleetProvisioning(spec, options).run(HostSelection.everyHost());
    }
}
