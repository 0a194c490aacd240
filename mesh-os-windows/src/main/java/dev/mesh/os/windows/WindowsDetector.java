package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.SpiVersion;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises Windows whatever shell Windows OpenSSH starts: {@code uname -s} (shared with the other
 * detectors) answers {@code MSYS_NT-…}, {@code MINGW…} or {@code CYGWIN_NT-…} under Git Bash or
 * Cygwin; cmd.exe, OpenSSH's default shell, expands {@code echo %OS%} to {@code Windows_NT} (a Unix
 * shell echoes the literal text); PowerShell answers {@code $env:OS}.
 */
public final class WindowsDetector implements OsDetector {
    static final String UNAME = "uname -s";
    static final String ECHO_OS = "echo %OS%";
    static final String POWERSHELL_OS = PowerShell.command("$env:OS");
    static final String VERSION = PowerShell.command(String.join("\n",
            "$v = [Environment]::OSVersion.Version",
            "$os = Get-CimInstance -ClassName Win32_OperatingSystem -ErrorAction SilentlyContinue",
            "if ($os) { 'caption=' + $os.Caption; 'version=' + $os.Version; 'build=' + $os.BuildNumber }",
            "else { 'caption=Windows'; 'version=' + $v.ToString(3); 'build=' + $v.Build }",
            "'arch=' + $env:PROCESSOR_ARCHITECTURE"));

    private static final String WINDOWS_NT = "Windows_NT";

    @Override
    public String id() {
        return "windows";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<DetectedOs> detect(DetectionProbe probe) {
        CommandResult uname = probe.run(UNAME);
        if (uname.succeeded()) {
            String kernel = uname.out().toUpperCase(Locale.ROOT);
            if (kernel.startsWith("MSYS_NT") || kernel.startsWith("MINGW") || kernel.startsWith("CYGWIN")) {
                return Optional.of(describe(probe));
            }
            if (!kernel.isEmpty()) {
                return Optional.empty(); // a Unix kernel (Linux, Darwin, FreeBSD…): not ours
            }
        }
        if (WINDOWS_NT.equals(PowerShell.output(probe.run(ECHO_OS)))
                || WINDOWS_NT.equals(PowerShell.output(probe.run(POWERSHELL_OS)))) {
            return Optional.of(describe(probe));
        }
        return Optional.empty();
    }

    /** Version, build and architecture; Windows is detected even when this script fails. */
    private static DetectedOs describe(DetectionProbe probe) {
        Map<String, String> facts = new HashMap<>();
        CommandResult result = probe.run(VERSION);
        if (result.succeeded()) {
            for (String line : PowerShell.output(result).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    facts.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        String version = facts.getOrDefault("version", "");
        String build = facts.getOrDefault("build", "");
        if (!build.isEmpty() && !version.endsWith("." + build) && !version.equals(build)) {
            version = version.isEmpty() ? build : version + "." + build;
        }
        return DetectedOs.builder("windows").distribution(edition(facts.getOrDefault("caption", ""))).version(version)
                .architecture(facts.getOrDefault("arch", "")).packageManager("winget").build();
    }

    /** {@code Microsoft Windows 11 Pro} becomes {@code windows-11-pro}. */
    static String edition(String caption) {
        String name = caption.strip().replaceFirst("^(?i)Microsoft\\s+", "");
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-").replaceAll("^-|-$", "");
    }
}
