package dev.mesh.api;

import java.util.Objects;

/**
 * What an {@link OsDetector} found out about the target host. Unknown text fields are empty strings,
 * never null.
 *
 * @param family         the OS family, matched against {@link OsProvisioner#family()}:
 *                       {@code linux}, {@code windows}, {@code macos}, or a third-party plugin's own
 * @param distribution   the distribution or edition id, e.g. {@code debian} (from os-release {@code ID})
 * @param version        the OS version, e.g. {@code 12}
 * @param architecture   the machine architecture as the host reports it, e.g. {@code x86_64}
 * @param packageManager the package manager mesh would use, e.g. {@code apt}, {@code winget}, {@code brew}
 * @param wsl            whether the host is Linux running under Windows Subsystem for Linux
 */
public record DetectedOs(String family, String distribution, String version, String architecture,
                         String packageManager, boolean wsl) {
    public DetectedOs {
        Objects.requireNonNull(family, "family");
        distribution = Objects.requireNonNullElse(distribution, "");
        version = Objects.requireNonNullElse(version, "");
        architecture = Objects.requireNonNullElse(architecture, "");
        packageManager = Objects.requireNonNullElse(packageManager, "");
    }

    /** A one-line description, e.g. {@code linux debian 12 x86_64 (apt)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(family);
        for (String part : new String[] {distribution, version, architecture}) {
            if (!part.isEmpty()) {
                sb.append(' ').append(part);
            }
        }
        if (!packageManager.isEmpty()) {
            sb.append(" (").append(packageManager).append(')');
        }
        if (wsl) {
            sb.append(" [WSL]");
        }
        return sb.toString();
    }
}
