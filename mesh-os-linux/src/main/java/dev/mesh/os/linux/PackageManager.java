package dev.mesh.os.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The package managers the Linux plugin can drive, with the distribution ids that use them. The
 * lists follow Tailscale's install.sh, which switches on the same os-release ids.
 */
enum PackageManager {
    APT("apt", "apt-get", Set.of("debian", "ubuntu", "raspbian", "linuxmint", "pop", "kali", "elementary",
            "zorin", "neon", "parrot", "pureos", "deepin", "devuan")),
    DNF("dnf", "dnf", Set.of("fedora", "rhel", "centos", "rocky", "almalinux", "ol", "amzn")),
    YUM("yum", "yum", Set.of()),
    ZYPPER("zypper", "zypper", Set.of("opensuse", "opensuse-leap", "opensuse-tumbleweed", "sles", "sled", "suse")),
    PACMAN("pacman", "pacman", Set.of("arch", "manjaro", "endeavouros", "garuda")),
    APK("apk", "apk", Set.of("alpine", "postmarketos"));

    private final String id;
    private final String binary;
    private final Set<String> distributions;

    PackageManager(String id, String binary, Set<String> distributions) {
        this.id = id;
        this.binary = binary;
        this.distributions = distributions;
    }

    /** The name mesh reports in {@code DetectedOs.packageManager}, e.g. {@code apt}. */
    String id() {
        return id;
    }

    /** The executable that shows the manager is present, e.g. {@code apt-get}. */
    String binary() {
        return binary;
    }

    /** The manager with {@link #id()} {@code id}, if mesh knows it. */
    static Optional<PackageManager> byId(String id) {
        for (PackageManager pm : values()) {
            if (pm.id.equals(id)) {
                return Optional.of(pm);
            }
        }
        return Optional.empty();
    }

    /**
     * Chooses the manager for a host: by {@code ID}, then by each {@code ID_LIKE} entry, then (for
     * distributions mesh does not know) the first manager whose executable is present.
     *
     * @param present the manager executables found on the host ({@link #binary()} names); when
     *                known, a dnf distribution without dnf but with yum (CentOS 7, Amazon Linux 2)
     *                gets yum
     */
    static Optional<PackageManager> choose(OsRelease release, Set<String> present) {
        List<String> candidates = new ArrayList<>();
        candidates.add(release.id());
        candidates.addAll(release.idLike());
        for (String distribution : candidates) {
            for (PackageManager pm : values()) {
                if (pm.distributions.contains(distribution)) {
                    return Optional.of(pm == DNF && !present.contains("dnf") && present.contains("yum") ? YUM : pm);
                }
            }
        }
        for (PackageManager pm : values()) {
            if (present.contains(pm.binary)) {
                return Optional.of(pm);
            }
        }
        return Optional.empty();
    }
}
