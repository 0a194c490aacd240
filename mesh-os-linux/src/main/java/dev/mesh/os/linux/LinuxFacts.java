package dev.mesh.os.linux;

import dev.mesh.api.DetectedOs;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one detection round trip reports about a Linux host: machine architecture, os-release,
 * kernel version string and the package manager executables present. One command with section
 * markers replaces four round trips.
 */
record LinuxFacts(String architecture, OsRelease release, String procVersion, Set<String> packageManagers) {

    private static final String MARK = "@@mesh:";

    /** The command; it always exits 0, missing files just leave their section empty. */
    static final String COMMAND = "uname -m; "
            + "echo '" + MARK + "os-release'; cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null; "
            + "echo '" + MARK + "proc-version'; cat /proc/version 2>/dev/null; "
            + "echo '" + MARK + "package-managers'; "
            + "for c in apt-get dnf yum zypper pacman apk; do command -v \"$c\"; done; true";

    LinuxFacts {
        packageManagers = Set.copyOf(packageManagers);
    }

    /** Splits the command's output into its sections. */
    static LinuxFacts parse(String output) {
        Map<String, StringBuilder> sections = new HashMap<>();
        String current = "machine";
        for (String line : output.split("\\R")) {
            if (line.startsWith(MARK)) {
                current = line.substring(MARK.length()).strip();
                continue;
            }
            sections.computeIfAbsent(current, k -> new StringBuilder()).append(line).append('\n');
        }
        Set<String> managers = new HashSet<>();
        for (String path : section(sections, "package-managers").split("\\R")) {
            String name = path.strip().substring(path.strip().lastIndexOf('/') + 1);
            if (!name.isEmpty()) {
                managers.add(name);
            }
        }
        return new LinuxFacts(section(sections, "machine").strip(),
                OsRelease.parse(section(sections, "os-release")),
                section(sections, "proc-version").strip(), managers);
    }

    private static String section(Map<String, StringBuilder> sections, String name) {
        StringBuilder sb = sections.get(name);
        return sb == null ? "" : sb.toString();
    }

    /** WSL kernels name Microsoft in their version string ({@code ...-microsoft-standard-WSL2}). */
    static boolean isWsl(String procVersion) {
        String lower = procVersion.toLowerCase(Locale.ROOT);
        return lower.contains("microsoft") || lower.contains("wsl");
    }

    DetectedOs toDetectedOs() {
        String pm = PackageManager.choose(release, packageManagers).map(PackageManager::id).orElse("");
        return DetectedOs.builder(LinuxDetector.FAMILY).distribution(release.id()).version(release.versionId())
                .architecture(architecture).packageManager(pm).wsl(isWsl(procVersion)).build();
    }
}
