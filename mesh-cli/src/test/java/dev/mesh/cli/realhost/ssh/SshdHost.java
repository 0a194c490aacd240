package dev.mesh.cli.realhost.ssh;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * A real OpenSSH server (Debian bookworm) for the SSH tests, one per test class. The main sshd
 * (port 22, PID 1) presents ONLY a host key generated for this layer ({@code /etc/ssh/new_ecdsa_key}),
 * while the image's original keys stay on disk and are served by a second sshd on
 * {@value #ALT_PORT} once {@link #startAltSshd()} runs: "the same host after a key change" and
 * "a host whose keys are known" side by side. Both are published on 127.0.0.1 only. The login
 * user is {@value #USER}; tests add the keys it accepts with {@link #authorize}.
 */
final class SshdHost implements AutoCloseable {
    static final String USER = "steve";
    static final int ALT_PORT = 2201;
    static final String BASE = "mesh-test/sshd:bookworm";

    private static String image;
    private final GenericContainer<?> container;

    private SshdHost(GenericContainer<?> container) {
        this.container = container;
    }

    static SshdHost start() {
        GenericContainer<?> c = new GenericContainer<>(image())
                .withExposedPorts(22, ALT_PORT)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPublishAllPorts(false)
                        .withPortBindings(loopback(22), loopback(ALT_PORT)))
                .waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1));
        c.start();
        return new SshdHost(c);
    }

    private static PortBinding loopback(int port) {
        return new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port));
    }

    private static synchronized String image() {
        if (image == null) {
            String dockerfile = "FROM " + BASE + "\n"
                    + "RUN useradd -m -s /bin/bash " + USER + " && usermod -p '*' " + USER
                    + " && install -d -m 700 -o " + USER + " -g " + USER + " /home/" + USER + "/.ssh"
                    + " && install -m 600 -o " + USER + " -g " + USER + " /dev/null /home/" + USER + "/.ssh/authorized_keys"
                    + " && ssh-keygen -q -t ecdsa -N '' -f /etc/ssh/new_ecdsa_key"
                    + " && echo 'HostKey /etc/ssh/new_ecdsa_key' > /etc/ssh/sshd_config.d/new-key.conf"
                    + " && printf '%s\\n' 'Port " + ALT_PORT + "' 'HostKey /etc/ssh/ssh_host_ed25519_key'"
                    + " 'HostKey /etc/ssh/ssh_host_ecdsa_key' 'HostKey /etc/ssh/ssh_host_rsa_key' 'UsePAM yes'"
                    + " 'PidFile /run/sshd-alt.pid' 'Subsystem sftp /usr/lib/openssh/sftp-server'"
                    + " > /etc/ssh/sshd_alt_config\n";
            try {
                image = new ImageFromDockerfile("mesh-test/ssh-engineer:" + Long.toHexString(System.nanoTime()), false)
                        .withFileFromString("Dockerfile", dockerfile).get();
            } catch (Exception e) {
                throw new IllegalStateException("building the SSH test layer on " + BASE + " failed", e);
            }
            String built = image;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> removeImage(built), "remove-ssh-test-image"));
        }
        return image;
    }

    private static void removeImage(String name) {
        try {
            DockerClientFactory.instance().client().removeImageCmd(name).withForce(true).exec();
        } catch (RuntimeException e) {
            // at JVM exit: a leftover layer only costs disk space
        }
    }

    /** The published port of the main sshd (new ECDSA key only). */
    int port() {
        return container.getMappedPort(22);
    }

    /** The published port of the second sshd (the image's original keys). */
    int altPort() {
        return container.getMappedPort(ALT_PORT);
    }

    /** The container's address on its Docker network, where port 22 is reachable directly. */
    String ip() {
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }

    /** Starts the second sshd (idempotent); it logs to /var/log/sshd-alt.log. */
    SshdHost startAltSshd() {
        root("test -s /run/sshd-alt.pid && kill -0 $(cat /run/sshd-alt.pid) 2>/dev/null"
                + " || /usr/sbin/sshd -f /etc/ssh/sshd_alt_config -E /var/log/sshd-alt.log");
        return this;
    }

    /** Adds {@code publicKeyLine} to the login user's authorized_keys. */
    SshdHost authorize(String publicKeyLine) {
        root("printf '%s\\n' '" + publicKeyLine.strip() + "' >> /home/" + USER + "/.ssh/authorized_keys");
        return this;
    }

    /** {@code TYPE BASE64} of a public host key file, e.g. {@code /etc/ssh/ssh_host_ed25519_key.pub}. */
    String publicKey(String file) {
        String[] parts = root("cat " + file).strip().split("\\s+");
        return parts[0] + " " + parts[1];
    }

    /** Public-key logins the main sshd (port 22) accepted so far. */
    int acceptedLogins() {
        return acceptedLines().size();
    }

    /** The main sshd's "Accepted publickey for steve from ... ssh2: TYPE SHA256:..." lines, oldest first. */
    List<String> acceptedLines() {
        return container.getLogs().lines().filter(l -> l.contains("Accepted publickey for " + USER)).toList();
    }

    /** Freezes every process of the host (docker pause): it stops answering, its TCP stack does not. */
    void pause() {
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
    }

    void unpause() {
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
    }

    /** {@code sh -c script} as root in the container, whatever its exit code. */
    Container.ExecResult exec(String script) {
        return Assertions.assertDoesNotThrow(() -> container.execInContainer("sh", "-c", script), script);
    }

    /** {@code sh -c script} as root; its stdout, after checking that it exited 0. */
    String root(String script) {
        Container.ExecResult r = exec(script);
        Assertions.assertEquals(0, r.getExitCode(), () -> script + ": " + r.getStdout() + r.getStderr());
        return r.getStdout();
    }

    @Override
    public void close() {
        container.stop();
    }
}
