package dev.mesh.cli.realhost;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A real Debian host in a container: OpenSSH, sudo and apt against the mirror. sshd is published
 * on a loopback port only (random, or fixed for host-key tests), or reached at the container's own
 * address on a network the test created (internal networks publish no ports). Commands run as
 * root through {@code docker exec}, to set up scenarios and inspect the result.
 */
public final class LinuxHost implements AutoCloseable {
    private static final String[] HOST_KEY_TYPES = {"ed25519", "ecdsa", "rsa"};

    private final GenericContainer<?> container;
    private final Network network;
    private final boolean published;
    private final boolean systemd;

    private LinuxHost(GenericContainer<?> container, Network network, boolean published, boolean systemd) {
        this.container = container;
        this.network = network;
        this.published = published;
        this.systemd = systemd;
    }

    /** sshd as PID 1, on its own network, published on 127.0.0.1 at {@code hostPort} (0 = random). */
    public static LinuxHost start(HostImage image, int hostPort) {
        return published(image, hostPort, false);
    }

    /**
     * As {@link #start}, with the docker host's {@code /dev/net/tun} given to the container (a host
     * where tailscaled can create its interface); the caller checks the docker host has one.
     */
    public static LinuxHost startWithTun(HostImage image) {
        return published(image, 0, true);
    }

    private static LinuxHost published(HostImage image, int hostPort, boolean tun) {
        Network network = Network.newNetwork();
        GenericContainer<?> c = new GenericContainer<>(image.name())
                .withNetwork(network)
                .withExposedPorts(22)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.getHostConfig().withPublishAllPorts(false).withPortBindings(loopback(hostPort));
                    if (tun) {
                        cmd.getHostConfig().withDevices(com.github.dockerjava.api.model.Device.parse("/dev/net/tun"));
                    }
                })
                .waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1));
        return started(c, network, true, false);
    }

    /** sshd as PID 1 on a network created with {@code internal=true}: it can reach nothing outside it. */
    static LinuxHost startIsolated(HostImage image) {
        Network network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withInternal(true)).build();
        GenericContainer<?> c = new GenericContainer<>(image.name())
                .withNetwork(network)
                .waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1));
        return started(c, network, false, false);
    }

    /**
     * systemd as PID 1 (sshd started by it). Not {@code --privileged}, which fails on the CI
     * machines: SYS_ADMIN, tmpfs on /run and /run/lock, and the cgroup tree read-write.
     */
    public static LinuxHost startSystemd(HostImage image) {
        return startSystemd(image, Network.newNetwork());
    }

    /** As {@link #startSystemd(HostImage)}, on {@code network} (shared by hosts that talk to each other; closed with this host). */
    public static LinuxHost startSystemd(HostImage image, Network network) {
        GenericContainer<?> c = new GenericContainer<>(image.name())
                .withNetwork(network)
                .withExposedPorts(22)
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withPublishAllPorts(false)
                        .withPortBindings(loopback(0))
                        .withCapAdd(Capability.SYS_ADMIN)
                        .withTmpFs(Map.of("/run", "", "/run/lock", ""))
                        .withBinds(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.rw)))
                .waitingFor(Wait.forSuccessfulCommand("systemctl is-active --quiet ssh"));
        return started(c, network, true, true);
    }

    private static LinuxHost started(GenericContainer<?> c, Network network, boolean published, boolean systemd) {
        try {
            c.start();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return new LinuxHost(c, network, published, systemd);
    }

    private static PortBinding loopback(int hostPort) {
        Ports.Binding binding = hostPort == 0 ? Ports.Binding.bindIp("127.0.0.1")
                : Ports.Binding.bindIpAndPort("127.0.0.1", hostPort);
        return new PortBinding(binding, ExposedPort.tcp(22));
    }

    /** Where mesh connects: 127.0.0.1, or the container's address on its isolated network. */
    public String address() {
        if (published) {
            return "127.0.0.1";
        }
        return container.getContainerInfo().getNetworkSettings().getNetworks().values().iterator().next().getIpAddress();
    }

    public int port() {
        return published ? container.getMappedPort(22) : 22;
    }

    /** {@code user@address} for the command line. */
    public String target() {
        return HostImage.USER + "@" + address();
    }

    /** The host's public keys as known_hosts lines for {@link #address()}:{@link #port()}. */
    public List<String> knownHostsLines() {
        String pattern = port() == 22 ? address() : "[" + address() + "]:" + port();
        List<String> lines = new ArrayList<>();
        for (String type : HOST_KEY_TYPES) {
            String[] key = root("cat /etc/ssh/ssh_host_" + type + "_key.pub").strip().split("\\s+");
            lines.add(pattern + " " + key[0] + " " + key[1]);
        }
        return lines;
    }

    /** Runs {@code sh -c script} as root; the result whatever the exit code. */
    public Container.ExecResult exec(String script) {
        try {
            return container.execInContainer("sh", "-c", script);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code sh -c script} as root and returns its stdout; fails the test on a non-zero exit. */
    public String root(String script) {
        Container.ExecResult r = exec(script);
        if (r.getExitCode() != 0) {
            throw new AssertionError("`" + script + "` exited " + r.getExitCode() + ": " + r.getStdout() + r.getStderr());
        }
        return r.getStdout();
    }

    public boolean succeeds(String script) {
        return exec(script).getExitCode() == 0;
    }

    /**
     * SSH logins sshd has accepted so far ({@code Accepted publickey} lines): the container log
     * ({@code sshd -e}), or sshd's journal where systemd runs it.
     */
    int acceptedLogins() {
        String log = systemd ? exec("journalctl -u ssh --no-pager -o cat").getStdout() : container.getLogs();
        return (int) log.lines().filter(l -> l.contains("Accepted publickey for " + HostImage.USER)).count();
    }

    @Override
    public void close() {
        try {
            container.stop();
        } finally {
            network.close();
        }
    }
}
