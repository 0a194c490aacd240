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
            "The key never appears in a command line or in the output: it reaches the host as a file readable "
                + "only by its owner, which is deleted afterwards."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:The host is on the mesh.",
            "1:Provisioning failed; the output names the step, the cause and a hint.",
            "2:Bad usage or input, before any connection.",
            "3:Manual step needed on the host; the output says what to run."})
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

    @Mixin
    HostPreferenceOptions preferences;

    @Option(names = {"-f", "--force"}, description = "Provision even when Headscale already lists the host "
            + "(matched by the host's own host name, or by HOST being one of the node's Tailscale IPs).")
    boolean force;

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
        preferences.given().forEach((p, v) -> overrides.put(p.settingPath(), v));
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = CliSupport.console(spec, root);
        try (MeshRuntime mesh = CliSupport.start(root, console, overrides)) {
            TargetHost targetHost = mesh.resolve(target, hostOptions.port);
            dev.mesh.core.inventory.ResolvedHost resolved = mesh.hosts().host(target, dev.mesh.core.inventory.HostFlags.NONE);
            ProvisioningRequest request = new ProvisioningRequest(targetHost, mesh.loginServer(),
                    mesh.keyPolicy(), new ProvisioningOptions(skipSyncthing || resolved.skipSyncthing().value().orElse(false)),
                    force, ProvisioningRequest.preferences(resolved.preferences()));
            mesh.headscale(); // checks the Headscale source's settings before any connection
            ProvisioningReport report = mesh.sequence().provision(request, console);
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
        if (outcome instanceof ProvisioningOutcome.ManualNeeded m) {
            console.warn("Manual step needed on " + host.display() + ":\n" + m.instructions());
            return ExitCodes.MANUAL_STEP;
        }
        ProvisioningOutcome.Failed f = (ProvisioningOutcome.Failed) outcome;
        console.error(f.reason().message() + " (at " + f.step() + ")\n" + f.cause() + "\nHint: " + f.hint());
        return ExitCodes.FAILURE;
    }
}
