package dev.mesh.cli;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code mesh remote detect HOST}: connect and detect only; changes nothing on the host. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Connect to HOST over SSH, detect its OS and print what was found. Changes nothing.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Detected.", "1:SSH failed or the OS was not recognised.", "2:Bad usage or input."})
final class DetectCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST", description = "USER@HOST or HOST.")
    String host;

    @Mixin
    HostOptions hostOptions;

    @Override
    public Integer call() {
        HostSpec target = HostSpec.parse(host);
        MeshCommand root = MeshCommand.root(spec.commandLine());
        Console console = CliSupport.console(spec, root);
        try (MeshRuntime mesh = CliSupport.start(root, console, hostOptions.overrides())) {
            TargetHost targetHost = mesh.resolve(target, hostOptions.port);
            ProvisioningReport report = mesh.sequence().detect(targetHost, console);
            if (report.outcome() instanceof ProvisioningOutcome.Failed) {
                return ProvisionCommand.render(console, targetHost, report.outcome());
            }
            DetectedOs os = report.os().orElseThrow();
            console.plain("");
            console.plain("host:            " + targetHost.display());
            console.plain("family:          " + os.family());
            console.plain("distribution:    " + os.distribution());
            console.plain("version:         " + os.version());
            console.plain("architecture:    " + os.architecture());
            console.plain("package manager: " + os.packageManager());
            console.plain("wsl:             " + (os.wsl() ? "yes" : "no"));
            return ExitCodes.OK;
        }
    }
}
