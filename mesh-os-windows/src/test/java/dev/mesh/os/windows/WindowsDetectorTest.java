package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.testkit.ScriptedHost;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WindowsDetectorTest {
    private final SimulatedWindowsHost<ScriptedHost> host = SimulatedWindowsHost.inProcess();
    private final dev.mesh.api.RemoteConnection connection = host.connection();

    /** Caches per command line, as mesh-core's probe does. */
    private final DetectionProbe probe = new DetectionProbe() {
        private final Map<String, CommandResult> cache = new HashMap<>();

        @Override
        public CommandResult run(String command) {
            return cache.computeIfAbsent(command, c -> connection.run(c, Duration.ofSeconds(15)));
        }
    };

    @Test
    void cmdExeIsRecognisedByPercentOs() {
        host.shell = SimulatedWindowsHost.Shell.CMD;
        DetectedOs os = new WindowsDetector().detect(probe).orElseThrow();
        assertEquals(TestContext.WINDOWS_11, os);
        assertEquals("uname -s", host.commands().get(0));
        assertEquals("echo %OS%", host.commands().get(1));
        assertEquals(3, host.commands().size(), "uname, %OS%, then the version script: " + host.commands());
        assertTrue(host.scripts.get(0).contains("Get-CimInstance -ClassName Win32_OperatingSystem"));
        assertTrue(host.scripts.get(0).contains("$env:PROCESSOR_ARCHITECTURE"));
    }

    @Test
    void powerShellLoginShellIsRecognisedByEnvOs() {
        host.shell = SimulatedWindowsHost.Shell.POWERSHELL; // echoes %OS% literally
        DetectedOs os = new WindowsDetector().detect(probe).orElseThrow();
        assertEquals("windows", os.family());
        assertEquals("winget", os.packageManager());
        assertEquals(PowerShell.PREAMBLE + "$env:OS", host.scripts.get(0));
        assertEquals(WindowsDetector.POWERSHELL_OS, host.commands().get(2));
    }

    @Test
    void gitBashIsRecognisedByMsysUname() {
        host.shell = SimulatedWindowsHost.Shell.GIT_BASH;
        DetectedOs os = new WindowsDetector().detect(probe).orElseThrow();
        assertEquals("10.0.22631", os.version());
        assertEquals(2, host.commands().size(), "uname answered; no %OS% probe: " + host.commands());
    }

    @Test
    void aUnixKernelIsNotWindowsAndCostsNoFurtherProbe() {
        DetectionProbe linux = command -> command.equals("uname -s")
                ? new CommandResult(0, "Linux\n", "", false) : new CommandResult(1, "", "unexpected " + command, false);
        assertEquals(Optional.empty(), new WindowsDetector().detect(linux));
    }

    @Test
    void nothingAnswersMeansNotWindows() {
        DetectionProbe silent = command -> new CommandResult(127, "", "not found", false);
        assertEquals(Optional.empty(), new WindowsDetector().detect(silent));
    }

    @Test
    void editionComesFromTheCaption() {
        assertEquals("windows-server-2022-datacenter", WindowsDetector.edition("Microsoft Windows Server 2022 Datacenter"));
        assertEquals("", WindowsDetector.edition(""));
    }

    @Test
    void detectorIdentity() {
        WindowsDetector detector = new WindowsDetector();
        assertEquals("windows", detector.id());
        assertEquals(200, detector.order());
    }
}
