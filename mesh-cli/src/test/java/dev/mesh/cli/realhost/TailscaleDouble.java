package dev.mesh.cli.realhost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Tailscale doubles on a test host ({@code src/test/resources/realhost}): mesh's own install
 * step (install method {@code upload}) uploads {@link #writeInstaller the generated installer},
 * which writes {@code /usr/bin/tailscale}, {@code /usr/sbin/tailscaled} and tailscaled.service.
 * The readers below inspect what the doubles recorded on a host.
 */
public final class TailscaleDouble {
    public static final String IP = "100.64.0.7";
    public static final String STATE = "/var/lib/tailscale-double";
    static final String CALLS = "/var/log/tailscale-double/calls";
    /** Where the slow installer says it runs. */
    static final String INSTALLING = STATE + "/installing";
    /** One line per completed install. */
    static final String INSTALLS = STATE + "/installs";
    /** Seconds the next {@code up} takes after reading the key; {@code up} marks {@link #UP_STARTED}. */
    static final String UP_DELAY = STATE + "/up-delay";
    static final String UP_STARTED = STATE + "/up-started";

    private TailscaleDouble() {
    }

    /** Writes {@code install-tailscale-double.sh} into {@code dir}: each double embedded in a quoted here-document. */
    public static Path writeInstaller(Path dir) {
        return writeInstaller(dir, "install-tailscale-double.sh", "", "");
    }

    /**
     * As {@link #writeInstaller(Path)}, as {@code name}, for a client that says it is {@code version}
     * ({@code ""}: the double's own, 1.80.2). Like the .deb, it writes /etc/default/tailscaled
     * (PORT, FLAGS) only when the file is missing, as dpkg keeps a changed conffile.
     */
    public static Path writeInstaller(Path dir, String name, String version) {
        return writeInstaller(dir, name, version, "");
    }

    /**
     * The installer of a test that stops mesh during INSTALLING: it marks {@link #INSTALLING} and
     * waits {@code seconds} before it installs anything.
     */
    static Path writeSlowInstaller(Path dir, int seconds) {
        return writeInstaller(dir, "install-tailscale-double-slow.sh", "", "mkdir -p " + STATE + "\n: >" + INSTALLING
                + "\nsleep " + seconds + "\n");
    }

    /** {@code before}: shell lines the installer runs first. */
    private static Path writeInstaller(Path dir, String name, String version, String before) {
        String script = "#!/bin/sh\n"
                + "# Stands in for Tailscale's installer (install.sh and the tailscale .deb) in mesh's real-host tests:"
                + " installs the tailscale and tailscaled test doubles and tailscaled.service.\n"
                + "set -eu\n"
                + before
                + "mkdir -p " + STATE + " /var/log/tailscale-double /lib/systemd/system\n"
                + "chmod 0755 " + STATE + "\n"
                + ": >>" + CALLS + "\n"
                + "chmod 0666 " + CALLS + "  # the double also runs as the login user\n"
                + embed("tailscale", "/usr/bin/tailscale", "0755")
                + embed("tailscaled", "/usr/sbin/tailscaled", "0755")
                + embed("tailscaled.service", "/lib/systemd/system/tailscaled.service", "0644")
                + "[ -e /etc/default/tailscaled ] || printf '%s\\n' 'PORT=\"41641\"' 'FLAGS=\"\"' >/etc/default/tailscaled\n"
                + (version.isEmpty() ? "rm -f /etc/tailscale-double/version\n"
                        : "mkdir -p /etc/tailscale-double && echo " + version + " >/etc/tailscale-double/version\n")
                + "if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi\n"
                + "echo installed >>" + INSTALLS + "\n"
                + "echo \"Installed the Tailscale test double $(/usr/bin/tailscale version | head -n 1)\"\n";
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, script);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String embed(String resource, String target, String mode) {
        String text;
        try (InputStream in = TailscaleDouble.class.getResourceAsStream("/realhost/" + resource)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (text.contains("MESH_DOUBLE_EOF")) {
            throw new IllegalStateException(resource + " contains the here-document delimiter");
        }
        return "cat >" + target + " <<'MESH_DOUBLE_EOF'\n" + text + (text.endsWith("\n") ? "" : "\n")
                + "MESH_DOUBLE_EOF\nchmod " + mode + " " + target + "\n";
    }

    /** How many times the installer completed. */
    static int installs(LinuxHost host) {
        return (int) host.exec("cat " + INSTALLS).getStdout().lines().count();
    }

    /** Every {@code tailscale} call's argv and environment, as the double appended them. */
    public static String calls(LinuxHost host) {
        return host.exec("cat " + CALLS).getStdout();
    }

    /** {@code ps -eo args}, taken while {@code tailscale up} ran. */
    public static String processesDuringUp(LinuxHost host) {
        return host.root("cat " + STATE + "/ps-at-up");
    }

    /** How many times {@code tailscale up} succeeded. */
    public static int upCount(LinuxHost host) {
        String count = host.exec("cat " + STATE + "/up-count").getStdout().strip();
        return count.isEmpty() ? 0 : Integer.parseInt(count);
    }

    /** Where {@code up} read its key, e.g. {@code /dev/stdin (not a regular file)}. */
    static String keySource(LinuxHost host) {
        return host.exec("cat " + STATE + "/authkey-source").getStdout().strip();
    }

    /** The regular files under /tmp while {@code up} ran. */
    static String tmpDuringUp(LinuxHost host) {
        return host.root("cat " + STATE + "/tmp-at-up");
    }

    /** The SHA-256 (hex) of the auth key {@code up} read, or empty. */
    static String keyDigest(LinuxHost host) {
        return host.exec("cat " + STATE + "/authkey.sha256").getStdout().strip();
    }

    /**
     * Puts the Tailscale doubles on {@code host} as the upload install method does (running the
     * installer as root), without starting tailscaled: a host where Tailscale is installed but its
     * daemon is not running.
     *
     * @param version the client's version, {@code ""} for the double's own
     */
    public static void install(LinuxHost host, Path dir, String version) {
        Path installer = writeInstaller(dir, "preinstall-" + (version.isEmpty() ? "current" : version) + ".sh", version);
        try {
            host.root("cat > /tmp/preinstall.sh <<'MESH_PREINSTALL_EOF'\n" + java.nio.file.Files.readString(installer)
                    + "MESH_PREINSTALL_EOF\nsh /tmp/preinstall.sh && rm -f /tmp/preinstall.sh");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tailscale debug prefs} as root on {@code host}. */
    public static String prefs(LinuxHost host) {
        return host.root("tailscale debug prefs");
    }

    /** Makes a peer offer {@code routes} as subnet routes (status --json shows them once the node is Running). */
    public static void offerRoutes(LinuxHost host, String... routes) {
        host.root("mkdir -p " + STATE + " && printf '%s\\n' " + String.join(" ", routes) + " > " + STATE + "/offered-routes");
    }
}
