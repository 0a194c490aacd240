package dev.mesh.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The host selection and output options of {@code mesh syncthing pair|unpair|status}. */
final class SyncthingHostOptions {
    @Parameters(arity = "0..*", paramLabel = "HOST",
            description = "An inventory name, USER@HOST or HOST (an address, a DNS name or a ~/.ssh/config alias).")
    List<String> hosts = List.of();

    @Option(names = "--all", description = "Every host of the inventory.")
    boolean all;

    @Option(names = "--tag", paramLabel = "TAG", description = "The inventory's hosts with this tag (repeatable: any of them).")
    List<String> tags = List.of();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "10",
            description = "Hosts worked on at a time (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    HostOutputOption output;

    HostSelection selection() {
        return new HostSelection(hosts, all, tags);
    }
}
