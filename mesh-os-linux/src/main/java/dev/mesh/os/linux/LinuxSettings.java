package dev.mesh.os.linux;

import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Linux plugin's settings, {@code mesh.plugins.linux} (defaults in this jar's reference.conf),
 * read and checked in one go so a bad value fails before any SSH connection.
 *
 * @param installMethod  how Tailscale is installed where it is missing
 * @param scriptUrl      the install script for {@link InstallMethod#SCRIPT}
 * @param track          {@code TRACK} for the script ({@code stable}/{@code unstable}), empty for its default
 * @param version        {@code TAILSCALE_VERSION} for the script, empty for the latest
 * @param uploadFile     the local package or script for {@link InstallMethod#UPLOAD}
 * @param aptLockTimeout how long apt-get waits for another package manager to release its lock
 * @param userspaceNetworking start tailscaled with {@code --tun=userspace-networking} (no TUN device needed)
 * @param serviceCheck   how long after starting a service (tailscaled, Syncthing) mesh checks it is still running
 */
record LinuxSettings(InstallMethod installMethod, URI scriptUrl, String track, String version,
                     Optional<Path> uploadFile, Duration aptLockTimeout, boolean userspaceNetworking,
                     Duration serviceCheck) {

    private static final String PREFIX = "mesh.plugins.linux.";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    /** How Tailscale gets onto the host. */
    enum InstallMethod {
        /** Download Tailscale's install script on the host and run it. */
        SCRIPT,
        /** Upload a .deb, .rpm or install script from the operator's machine and install it. */
        UPLOAD
    }

    /** The kinds of file {@link InstallMethod#UPLOAD} can install, by file name ending. */
    enum UploadKind {
        DEB(".deb"), RPM(".rpm"), SCRIPT(".sh");

        final String suffix;

        UploadKind(String suffix) {
            this.suffix = suffix;
        }

        static Optional<UploadKind> of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (UploadKind kind : values()) {
                if (name.endsWith(kind.suffix)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Reads every value.
     *
     * @throws PluginConfigException naming the key of the first bad value
     */
    static LinuxSettings from(PluginConfig config) {
        InstallMethod method = switch (config.string("install.method").strip().toLowerCase(Locale.ROOT)) {
            case "script" -> InstallMethod.SCRIPT;
            case "upload" -> InstallMethod.UPLOAD;
            default -> throw bad("install.method", "must be \"script\" or \"upload\", got \""
                    + config.string("install.method") + "\"");
        };
        URI scriptUrl = scriptUrl(config.string("install.script-url"));
        String track = config.string("install.track").strip();
        if (!track.isEmpty() && !track.equals("stable") && !track.equals("unstable")) {
            throw bad("install.track", "must be \"stable\", \"unstable\" or empty, got \"" + track + "\"");
        }
        String version = config.string("install.version").strip();
        if (!version.isEmpty() && !VERSION.matcher(version).matches()) {
            throw bad("install.version", "must look like 1.80.2 or be empty, got \"" + version + "\"");
        }
        Optional<Path> upload = uploadFile(config.string("install.upload-file").strip(), method);
        Duration lock = config.duration("apt-lock-timeout");
        if (lock.isNegative() || lock.isZero()) {
            throw bad("apt-lock-timeout", "must be positive, got " + lock);
        }
        Duration check = config.duration("service-check");
        if (check.isNegative() || check.compareTo(Duration.ofMinutes(1)) > 0) {
            throw bad("service-check", "must be between 0s and 1m, got " + check);
        }
        return new LinuxSettings(method, scriptUrl, track, version, upload, lock, config.bool("userspace-networking"),
                check);
    }

    private static URI scriptUrl(String value) {
        try {
            URI uri = new URI(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw bad("install.script-url", "must be an http(s) URL, got \"" + value + "\"");
    }

    private static Optional<Path> uploadFile(String value, InstallMethod method) {
        if (value.isEmpty()) {
            if (method == InstallMethod.UPLOAD) {
                throw bad("install.upload-file", "must name a local .deb, .rpm or .sh file when install.method = upload");
            }
            return Optional.empty();
        }
        Path file = Path.of(value);
        if (UploadKind.of(file).isEmpty()) {
            throw bad("install.upload-file", "must end in .deb, .rpm or .sh, got \"" + value + "\"");
        }
        if (method == InstallMethod.UPLOAD && !(Files.isRegularFile(file) && Files.isReadable(file))) {
            throw bad("install.upload-file", "is not a readable file: " + file.toAbsolutePath());
        }
        return Optional.of(file);
    }

    private static PluginConfigException bad(String key, String problem) {
        return new PluginConfigException(PREFIX + key + " " + problem);
    }
}
