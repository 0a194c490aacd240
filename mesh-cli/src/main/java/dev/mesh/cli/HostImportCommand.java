package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.ConfigFiles;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.inventory.AnsibleImport;
import dev.mesh.core.inventory.AnsibleIniParser;
import dev.mesh.core.inventory.HostDraft;
import dev.mesh.core.inventory.InventoryEditor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh host import FILE [--replace]}: an Ansible INI inventory into mesh's. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import an Ansible INI inventory: each host with its groups as tags ([group:children] "
            + "included), [group:vars] as tag defaults and [all:vars] as inventory defaults where they map. Understood: "
            + "ansible_host, ansible_port, ansible_user, ansible_ssh_private_key_file (and their ansible_ssh_* / "
            + "ansible_private_key_file aliases); every other variable is listed and skipped. Ranges such as "
            + "web[01:03] are expanded as Ansible does.",
            "Nothing is written when a host already in the inventory (or a default it sets differently) is met, "
            + "unless --replace; nor when anything in FILE is wrong."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Imported (skipped variables are listed).",
            "2:FILE does not read as Ansible would read it, a name or value mesh cannot take, or a host already there; "
                + "nothing written."})
final class HostImportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The most hosts one import takes (an inventory of 2,000 hosts imports in about 20 s on 2 cores). */
    static final int MAX_HOSTS = 2000;

    @Parameters(index = "0", paramLabel = "FILE", description = "An Ansible inventory in INI format.")
    Path file;

    @Option(names = "--replace", description = "Overwrite hosts and defaults the inventory already has.")
    boolean replace;

    @Override
    public Integer call() {
        if (!Files.exists(file)) {
            throw new MeshConfigException(file + ": Ansible inventory does not exist");
        }
        ConfigFiles.checkReadable(file, "Ansible inventory");
        AnsibleImport plan = AnsibleImport.of(AnsibleIniParser.parse(file));
        if (plan.hosts().size() > MAX_HOSTS) { // each host is one edit of the HOCON document: keep it seconds, not minutes
            throw new MeshConfigException(file + ": " + plan.hosts().size() + " hosts; mesh imports at most " + MAX_HOSTS
                    + " at a time (split the inventory)");
        }
        Console console = CliSupport.console(spec, MeshCommand.root(spec.commandLine()));
        try (MeshRuntime mesh = HostCommand.start(spec, console)) {
            Path inventory = mesh.hosts().files().file();
            new InventoryEditor(inventory).addAll(plan.hosts(), plan.tagDefaults(), plan.defaults(), replace);
            for (String skipped : plan.skipped()) {
                console.warn("skipped " + skipped);
            }
            console.ok("Imported " + plan.hosts().size() + " host" + (plan.hosts().size() == 1 ? "" : "s")
                    + (plan.hosts().isEmpty() ? "" : " (" + String.join(", ", plan.hosts().stream().map(HostDraft::name)
                    .toList()) + ")") + " into " + inventory
                    + (plan.tagDefaults().isEmpty() ? "" : "; tag defaults for " + String.join(", ", plan.tagDefaults().keySet()))
                    + (plan.defaults().isEmpty() ? "" : "; inventory defaults from [all:vars]"));
            return ExitCodes.OK;
        }
    }
}
