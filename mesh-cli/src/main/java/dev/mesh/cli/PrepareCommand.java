package dev.mesh.cli;

import dev.mesh.api.Secret;
import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.core.provision.ProvisioningReport;
import dev.mesh.core.provision.ProvisioningRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mesh remote prepare HOST}: one-time setup with the sudo password, so provisioning needs none. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
        description = {
            "Prepare HOST once so that `mesh remote provision` can run without a sudo password: asks for the "
                + "account's sudo password (or reads it with --sudo-password-stdin) and installs narrowly scoped "
                + "sudo rules for exactly the commands mesh runs, checked with visudo. They give no root shell. "
                + "Running it again is harmless.",
            "The password is sent only on the standard input of sudo on the host, never on a command line.",
            "What is prepared is pinned to the Headscale server URL (--server, mesh.server-url) and the host's "
                + "Tailscale preferences (settings, inventory), when they are configured."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Prepared (or already prepared).", "1:Preparation failed; the output says why.",
            "2:Bad usage or input, before any connection."})
final class PrepareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static final String COMMAND = "remote prepare";

    @Parameters(index = "0", paramLabel = "HOST", description = "An inventory name, USER@HOST or HOST.")
    String host;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    HostOutputOption output;

    @Option(names = {"-s", "--server"}, paramLabel = "URL",
            description = "Headscale server URL the host is prepared for (mesh.server-url, MESH_SERVER_URL).")
    String server;

    @Option(names = "--sudo-password-stdin",
            description = "Read the sudo password from the first line of standard input (for scripts).")
    boolean passwordFromStdin;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = HostCommand.console(spec, output.format);
        java.util.Map<String, Object> overrides = hostOptions.overrides();
        if (server != null) {
            overrides.put("mesh.server-url", server);
        }
        try (MeshRuntime mesh = CliSupport.start(root, console, overrides)) {
            FleetTarget target = SingleHost.resolve(mesh, host, hostOptions.port);
            Secret password = readPassword(root, target.host());
            SingleHost.observe(mesh, root, console, target);
            long start = System.nanoTime();
            // the login server and the host's preferences, when configured, are what the plugin pins
            ProvisioningRequest request = new ProvisioningRequest(target.host(), mesh.settings().serverUrl().orElse(null),
                    null, new ProvisioningOptions(false), false, ProvisioningRequest.preferences(target.preferences()));
            ProvisioningReport report = mesh.sequence().prepare(request, password, console);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int exit = HostOutcome.exitCode(List.of(HostOutcome.of(report.outcome())), false);
            Hints hints = SingleHost.hints(root, hostOptions);
            if (output.json()) {
                HostRendering.print(spec.commandLine().getOut(), ResultJson.document(COMMAND, List.of(
                        ResultJson.host(target, Optional.of(report), took, Optional.empty(), hints)), List.of(), exit));
            }
            new Summary(console, hints).host(target, report.outcome());
            return exit;
        }
    }

    private Secret readPassword(MeshCommand root, TargetHost target) {
        String password;
        if (passwordFromStdin) {
            try {
                password = new BufferedReader(new InputStreamReader(root.stdin, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sudo password from standard input", e);
            }
        } else {
            java.io.Console terminal = System.console();
            if (terminal == null) {
                throw new InvalidInputException("No terminal to ask for the sudo password: pipe it in with --sudo-password-stdin.");
            }
            char[] typed = terminal.readPassword("sudo password for %s: ", target.display());
            password = typed == null ? null : new String(typed);
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("No sudo password given.");
        }
        return Secret.of(password);
    }
}
