package dev.mesh.api;

import java.util.Objects;

/**
 * What an {@link OsDetector} found out about the target host. Unknown text fields are empty strings,
 * never null. Build one with {@link #builder}; fields added later get defaults.
 */
public final class DetectedOs {
    private final String family;
    private final String distribution;
    private final String version;
    private final String architecture;
    private final String packageManager;
    private final boolean wsl;

    private DetectedOs(Builder b) {
        this.family = b.family;
        this.distribution = b.distribution;
        this.version = b.version;
        this.architecture = b.architecture;
        this.packageManager = b.packageManager;
        this.wsl = b.wsl;
    }

    /**
     * @param family the OS family, matched against {@link OsProvisioner#family()}: {@code linux},
     *               {@code windows}, {@code macos}, or a third-party plugin's own
     */
    public static Builder builder(String family) {
        return new Builder(family);
    }

    /** The OS family, e.g. {@code linux}. */
    public String family() {
        return family;
    }

    /** The distribution or edition id, e.g. {@code debian} (from os-release {@code ID}). */
    public String distribution() {
        return distribution;
    }

    /** The OS version, e.g. {@code 12}. */
    public String version() {
        return version;
    }

    /** The machine architecture as the host reports it, e.g. {@code x86_64}. */
    public String architecture() {
        return architecture;
    }

    /** The package manager mesh would use, e.g. {@code apt}, {@code winget}, {@code brew}. */
    public String packageManager() {
        return packageManager;
    }

    /** Whether the host is Linux running under Windows Subsystem for Linux. */
    public boolean wsl() {
        return wsl;
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

    @Override
    public boolean equals(Object o) {
        return o instanceof DetectedOs d && d.family.equals(family) && d.distribution.equals(distribution)
                && d.version.equals(version) && d.architecture.equals(architecture)
                && d.packageManager.equals(packageManager) && d.wsl == wsl;
    }

    @Override
    public int hashCode() {
        return Objects.hash(family, distribution, version, architecture, packageManager, wsl);
    }

    @Override
    public String toString() {
        return "DetectedOs[" + describe() + "]";
    }

    /** Collects the fields; every one but the family is optional. */
    public static final class Builder {
        private final String family;
        private String distribution = "";
        private String version = "";
        private String architecture = "";
        private String packageManager = "";
        private boolean wsl;

        private Builder(String family) {
            this.family = Objects.requireNonNull(family, "family");
        }

        public Builder distribution(String value) {
            this.distribution = Objects.requireNonNullElse(value, "");
            return this;
        }

        public Builder version(String value) {
            this.version = Objects.requireNonNullElse(value, "");
            return this;
        }

        public Builder architecture(String value) {
            this.architecture = Objects.requireNonNullElse(value, "");
            return this;
        }

        public Builder packageManager(String value) {
            this.packageManager = Objects.requireNonNullElse(value, "");
            return this;
        }

        public Builder wsl(boolean value) {
            this.wsl = value;
            return this;
        }

        public DetectedOs build() {
            return new DetectedOs(this);
        }
    }
}
