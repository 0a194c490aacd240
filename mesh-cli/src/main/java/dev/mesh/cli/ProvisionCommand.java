package dev.mesh.cli;

import dev.mesh.api.ProvisioningOptions;
import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import dev.mesh.core.provision.ProvisioningRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh remote provision HOST}: the whole sequence for one host. */
@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {
            "Join HOST to the mesh: test SSH, detect the OS, mint a Headscale pre-auth key, install and connect "
                + "Tailscale, verify, install Syncthing. Running it again on a joined host changes nothing.",
            "The key never appears in a command line, a file on the host or the output: `tailscale up` reads it "
                + "on its standard input. mesh expires it when the run ends, whatever ends it.",
            "Ctrl-C (or SIGTERM) stops the run cleanly: the remote command is ended, mesh's files are removed from "
                + "the host, the key is expired, and mesh says what state the host was left in (exit 130)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The host is on the mesh.",
            "1:Provisioning failed; the output names the step, the cause and a hint.",
            "2:Bad usage or input, before any connection.",
            "3:Manual step needed on the host; the output says what to run.",
            "130:Stopped by Ctrl-C or SIGTERM; the output says what state the host was left in."})
final class ProvisionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST",
            description = "USER@HOST or HOST (an address, a DNS name or a ~/.ssh/config alias).")
    String host;

    @Mixin
    HostOptions hostOptions;

    @Option(names = {"-s", "--server"}, paramLabel = "URL",
            description = "Headscale server URL (mesh.server-url, MESH_SERVER_URL).")
    String server;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Headscale user the key belongs to (mesh.headscale.user, MESH_HEADSCALE_USER; default mesh).")
    String headscaleUser;

    @Option(names = "--skip-syncthing", description = "Do not install Syncthing.")
    boolean skipSyncthing;

    @Option(names = {"-f", "--force"}, description = "Join the host again even when it is already on the mesh (Running "
            + "on this login server with an address Headscale lists): mint a key and run `tailscale up` again.")
    boolean force;

    @Option(names = "--dry-run", description = "Connect, detect and inspect only, then print what would be done; "
            + "mints no key and changes nothing on the host.")
    boolean dryRun;

    @Override
    public Integer call() {
        HostSpec target = HostSpec.parse(host);
        Map<String, Object> overrides = hostOptions.overrides();
        if (server != null) {
            overrides.put("mesh.server-url", server);
        }
        if (headscaleUser != null) {
            overrides.put("mesh.headscale.user", headscaleUser);
        }
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = CliSupport.console(spec, root);
        try (MeshRuntime mesh = CliSupport.start(root, console, overrides)) {
            TargetHost targetHost = mesh.resolve(target, hostOptions.port);
            ProvisioningRequest request = new ProvisioningRequest(targetHost, mesh.loginServer(),
                    mesh.keyPolicy(), new ProvisioningOptions(skipSyncthing || mesh.hosts().host(target,
                    dev.mesh.core.inventory.HostFlags.NONE).skipSyncthing().value().orElse(false), dryRun), force);
            mesh.headscale(); // checks the Headscale source's settings before any connection
            ProvisioningReport report = mesh.sequence().provision(request, console, root.stoppable());
            report.keysLeftValid().forEach(k -> console.warn(k + " is still valid: expire it on the Headscale server"));
            return render(console, targetHost, report.outcome());
        }
    }

    static int render(Console console, TargetHost host, ProvisioningOutcome outcome) {
        console.plain("");
        if (outcome instanceof ProvisioningOutcome.Success s) {
            if (s.tailscaleIp().isEmpty()) {
                console.ok(host.display() + (s.changed() ? ": done" : ": nothing to change"));
            } else if (s.alreadyConnected() && !s.changed()) {
                console.ok(host.display() + " was already on the mesh (" + s.tailscaleIp() + "); nothing changed");
            } else {
                console.ok(host.display() + " is on the mesh: " + s.tailscaleIp());
            }
            return ExitCodes.OK;
        }
        if (outcome instanceof ProvisioningOutcome.Planned p) {
            console.ok(host.display() + ": dry run, nothing changed; a run would "
                    + (p.actions().isEmpty() ? "change nothing" : "do:"));
            p.actions().forEach(a -> console.plain("  - " + a));
            return ExitCodes.OK;
        }
        if (outcome instanceof ProvisioningOutcome.Interrupted i) {
            console.error("Stopped at " + i.step() + " on " + host.display() + ": " + i.hostState());
            return Interrupts.EXIT_CODE;
        }
        if (outcome instanceof ProvisioningOutcome.ManualNeeded m) {
            console.warn("Manual step needed on " + host.display() + ":\n" + m.instructions());
            return ExitCodes.MANUAL_STEP;
        }
        ProvisioningOutcome.Failed f = (ProvisioningOutcome.Failed) outcome;
        console.error(f.reason().message() + " (at " + f.step() + ")\n" + f.cause() + "\nHint: " + f.hint());
        return ExitCodes.FAILURE;
    }
}
