package dev.mesh.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh remote provision HOST… | --tag T… | --all}: the whole sequence for each host. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {
            "Join hosts to the mesh: test SSH, detect the OS, mint a Headscale pre-auth key, install and connect "
                + "Tailscale, verify, install Syncthing. Running it again on a joined host changes nothing.",
            "Many hosts run in one process, --parallel at a time, one SSH connection each; Headscale's node list "
                + "and the run's key are shared. On a terminal a live view shows each host's step; elsewhere one "
                + "line per step, prefixed with the host's name. A summary table ends the run.",
            "The key never appears in a command line, a file on the host or the output: `tailscale up` reads it "
                + "on its standard input. mesh expires it when the run ends, whatever ends it.",
            "Ctrl-C (or SIGTERM) stops the run cleanly: no further host starts, each running host's remote command "
                + "is ended, mesh's files are removed from the host, the key is expired, and the summary says what "
                + "state each host was left in (exit 130). A second Ctrl-C exits at once."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host is on the mesh (with --dry-run: every host was inspected; nothing changed).",
            "1:A host failed; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port, URL), before any connection.",
            "3:A manual step is needed on a host (and none failed); the output says what to run.",
            "130:Stopped by Ctrl-C or SIGTERM; the summary says what each host was left in."})
final class ProvisionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "HOST",
            description = "An inventory name, USER@HOST or HOST (an address, a DNS name or a ~/.ssh/config alias).")
    List<String> hosts = List.of();

    @Option(names = "--all", description = "Every host of the inventory (as provision-all).")
    boolean all;

    @Option(names = "--tag", paramLabel = "TAG", description = "The inventory's hosts with this tag (repeatable: any of them).")
    List<String> tags = List.of();

    @Mixin
    ProvisionOptions options;

    @Override
    public Integer call() {
        return new FleetProvisioning(spec, options).run(new HostSelection(hosts, all, tags));
    }
}
