package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.api.DetectedOs;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh remote detect HOST}: connect and detect only; changes nothing on the host. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Connect to HOST over SSH, detect its OS and print what was found. Changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Detected.", "1:SSH failed or the OS was not recognised; the output names the host and why.",
            "2:Bad usage or input, before any connection."})
final class DetectCommand implements Callable<Integer> {
    static final String COMMAND = "remote detect";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "An inventory name, USER@HOST or HOST.")
    String host;

    @Mixin
    HostOptions hostOptions;

    @Mixin
    HostOutputOption output;

    @Override
    public Integer call() {
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = HostCommand.console(spec, output.format);
        try (MeshRuntime mesh = CliSupport.start(root, console, hostOptions.overrides())) {
            FleetTarget target = SingleHost.resolve(mesh, host, hostOptions.port);
            SingleHost.observe(mesh, root, console, target);
            long start = System.nanoTime();
            ProvisioningReport report = mesh.sequence().detect(target.host(), console);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            int exit = report.outcome() instanceof ProvisioningOutcome.Failed ? ExitCodes.FAILURE : ExitCodes.OK;
            if (output.json()) {
                ObjectNode result = ResultJson.host(target, Optional.of(report), took, Optional.empty(),
                        SingleHost.hints(root, hostOptions));
                result.set("os", report.os().map(ResultJson::os).orElse(null));
                HostRendering.print(spec.commandLine().getOut(), ResultJson.document(COMMAND, List.of(result), List.of(), exit));
            }
            if (exit != ExitCodes.OK) {
                new Summary(console, SingleHost.hints(root, hostOptions)).host(target, report.outcome());
                return exit;
            }
            DetectedOs os = report.os().orElseThrow();
            console.plain("");
            console.plain("host:            " + target.host().display());
            console.plain("family:          " + os.family());
            console.plain("distribution:    " + os.distribution());
            console.plain("version:         " + os.version());
            console.plain("architecture:    " + os.architecture());
            console.plain("package manager: " + os.packageManager());
            console.plain("wsl:             " + (os.wsl() ? "yes" : "no"));
            return exit;
        }
    }
}
