package dev.mesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh syncthing}: Syncthing across the mesh's hosts. */
@Command(name = "syncthing", mixinStandardHelpOptions = true,
        description = "Pair the hosts' Syncthing over the tailnet, take a host out again, or show each host's pairing.")
final class SyncthingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
