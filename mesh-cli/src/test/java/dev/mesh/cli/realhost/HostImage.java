package dev.mesh.cli.realhost;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The per-scenario image layer, built from the test with the classic builder (no BuildKit, so no
 * {@code COPY --chmod}) on a base from {@code test-hosts/build-images.sh}: the login user
 * {@value #USER} with {@link ClientKey}'s authorized key and a sudo rule, optionally fresh host keys.
 * Each distinct layer is built once per test JVM and removed when the JVM exits.
 *
 * @param base         {@code mesh-test/sshd:bookworm}, {@code mesh-test/systemd:trixie}, ...
 * @param sudo         the user's sudo rule
 * @param newHostKeys  regenerate the host keys, so the image presents keys its base does not
 */
public record HostImage(String base, Sudo sudo, boolean newHostKeys) {
    public static final String USER = "steve";
    /** The password of {@link #USER} where sudo asks for one; never given to mesh. */
    public static final String PASSWORD = "correct-horse-battery";

    private static final Map<HostImage, String> BUILT = new ConcurrentHashMap<>();

    static {
        // ImageFromDockerfile's deleteOnExit does not remove them when Ryuk is disabled (as here)
        Runtime.getRuntime().addShutdownHook(new Thread(HostImage::removeAll, "remove-realhost-images"));
    }

    /** The user's sudo rule. */
    public enum Sudo {
        /** {@code NOPASSWD: ALL}: what mesh needs. */
        NOPASSWD("steve ALL=(ALL:ALL) NOPASSWD: ALL"),
        /** {@code ALL}: every sudo asks for the password. */
        PASSWORD("steve ALL=(ALL:ALL) ALL");

        final String rule;

        Sudo(String rule) {
            this.rule = rule;
        }
    }

    public static HostImage sshd(String suite, Sudo sudo) {
        return new HostImage("mesh-test/sshd:" + suite, sudo, false);
    }

    public static HostImage systemd(String suite) {
        return new HostImage("mesh-test/systemd:" + suite, Sudo.NOPASSWD, false);
    }

    HostImage withNewHostKeys() {
        return new HostImage(base, sudo, true);
    }

    /** Builds the layer (once) and returns its image name. */
    String name() {
        return BUILT.computeIfAbsent(this, HostImage::build);
    }

    private static void removeAll() {
        for (String image : BUILT.values()) {
            try {
                DockerClientFactory.instance().client().removeImageCmd(image).withForce(true).exec();
            } catch (RuntimeException e) {
                // best effort at JVM exit: a leftover layer only costs disk space
            }
        }
    }

    private String build() {
        String tag = "mesh-test/realhost-" + base.replaceAll("[^a-z0-9]+", "-") + "-" + sudo.name().toLowerCase(Locale.ROOT)
                + (newHostKeys ? "-newkeys" : "");
        String dockerfile = "FROM " + base + "\n"
                + "RUN useradd -m -s /bin/bash " + USER + " && mkdir -p /home/" + USER + "/.ssh"
                + " && echo '" + USER + ":" + PASSWORD + "' | chpasswd\n"
                + "COPY --chown=" + USER + ":" + USER + " authorized_keys /home/" + USER + "/.ssh/authorized_keys\n"
                + "COPY sudoers /etc/sudoers.d/" + USER + "\n"
                // sshd refuses a root-owned ~/.ssh; sudo ignores a sudoers file writable by others
                + "RUN chown " + USER + ":" + USER + " /home/" + USER + "/.ssh && chmod 700 /home/" + USER + "/.ssh"
                + " && chmod 600 /home/" + USER + "/.ssh/authorized_keys && chmod 440 /etc/sudoers.d/" + USER + "\n"
                + (newHostKeys ? "RUN rm -f /etc/ssh/ssh_host_* && ssh-keygen -A\n" : "");
        try {
            return new ImageFromDockerfile(tag + ":" + Long.toHexString(System.nanoTime()), false)
                    .withFileFromString("Dockerfile", dockerfile)
                    .withFileFromString("authorized_keys", ClientKey.shared().publicLine() + "\n")
                    .withFileFromString("sudoers", sudo.rule + "\n")
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("building the test layer on " + base + " failed", e);
        }
    }
}
