package dev.mesh.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mesh remote}: commands that act on a remote host over SSH. */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Provision, inspect or remove remote hosts over SSH.")
final class RemoteCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
