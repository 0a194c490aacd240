package dev.mesh.cli;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.authkey.HeadscaleNodes;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.remote.HostNodes;
import dev.mesh.core.remote.RemoteHosts;
import dev.mesh.core.remote.StatusRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mesh remote status HOST…|--all|--tag T}: what each host has, read-only, in parallel. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show each host's state, read-only and in parallel: reachable or not, OS, the Tailscale client (version,"
                + " tailscaled running, BackendState, Tailscale addresses, control server, preferences), Syncthing"
                + " installed/running with the devices it is paired with (connected or not) and its folders (state, files"
                + " to fetch, errors), and Headscale's view of its node (id, name, online, last seen, expiry).",
            "Nothing is changed on any host. Syncthing is asked once, over the host's SSH connection, and not waited"
                + " for: one that is not installed, not running or not answering is shown as such."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Every host was read (a Syncthing that could not be asked is shown as such, not a failure).",
            "1:A host could not be read; the output names it, the step, the cause and a hint.",
            "2:Bad usage or input (unknown tag, bad inventory, host, port), before any connection."})
final class RemoteStatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    SyncthingHostOptions options;

    @Mixin
    ServerOption server;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console human = HostCommand.console(spec, options.output.format);
        try (MeshRuntime mesh = CliSupport.start(root, human, server.with(options.hostOptions.overrides()))) {
            List<RemoteHosts.Target> targets = RemoteCli.targets(mesh, options.selection().resolve(mesh,
                    options.hostOptions.port, false));
            RemoteCli.observe(mesh, root, human, targets);
            HeadscaleNodes headscale;
            try {
                headscale = mesh.headscale();
            } catch (MeshConfigException e) {
                String why = "Headscale not asked: " + e.getMessage();
                headscale = () -> {
                    throw new IllegalStateException(why);
                };
            }
            HeadscaleNodes source = headscale;
            List<RemoteHosts.Visit<StatusRun.HostStatus>> visits = new StatusRun(mesh.remoteHosts(options.parallel),
                    () -> HostNodes.fetch(source)).run(targets, t -> PairingCli.prefixed(human, t.name(), true),
                    mesh.settings().serverUrl());
            int exit = visits.stream().anyMatch(v -> v.failure().isPresent()) ? ExitCodes.FAILURE : ExitCodes.OK;
            if (options.output.json()) {
                HostRendering.print(spec.commandLine().getOut(), RemoteJson.status(visits, exit));
            } else {
                new RemoteText(human).status(visits);
            }
            return exit;
        }
    }
}
