package dev.mesh.cli.realhost;

import dev.mesh.cli.MeshCommandLine;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The real {@code mesh} command line, in-process, with an isolated environment: no user config, a
 * known_hosts of its own, no ~/.ssh/config, the Headscale CLI double from mesh-core's tests, and a
 * {@code --config} file that installs Tailscale by uploading {@link TailscaleDouble}'s installer.
 * No install script is ever downloaded: the script URL points at a closed port on the host itself.
 */
public final class MeshCli {
    static final String KEY = "hskey-auth-RealHostKey01-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    public static final String SERVER = "http://127.0.0.1:8080";

    /** One run: exit code, what it printed, how long it took. */
    public record Run(int exitCode, String out, String err, Duration elapsed) {
        public String output() {
            return out + err;
        }
    }

    final Path dir;
    final Path knownHosts;
    final Path config;
    private final String aptLockTimeout;
    /** What {@link #setting} added, kept when {@link #writeConfig} writes the file again. */
    private final StringBuilder settings = new StringBuilder();
    public final Map<String, String> env = new HashMap<>();

    public MeshCli(Path dir) {
        this(dir, "5s");
    }

    /** @param aptLockTimeout {@code mesh.plugins.linux.apt-lock-timeout} */
    MeshCli(Path dir, String aptLockTimeout) {
        this.dir = dir;
        this.knownHosts = dir.resolve("known_hosts");
        this.config = dir.resolve("mesh-test.conf");
        try {
            Path headscale = dir.resolve("fake-headscale");
            try (InputStream in = MeshCli.class.getResourceAsStream("/fake-headscale/headscale")) {
                Files.copy(in, headscale);
            }
            Files.setPosixFilePermissions(headscale, PosixFilePermissions.fromString("rwx------"));
            Path wrapper = dir.resolve("headscale");
            // Headscale lists the node the tailscale double joins as (its IP is fixed), so the post-join
            // check finds it; its name matches no container, so the pre-provisioning check skips nothing.
            Path nodes = dir.resolve("headscale-nodes.txt");
            Files.writeString(nodes, "3 joined-node joined-node " + TailscaleDouble.IP + " true\n");
            Files.writeString(wrapper, "#!/bin/sh\nFAKE_HEADSCALE_VERSION=0.26.0 FAKE_HEADSCALE_KEY=" + KEY
                    + " FAKE_HEADSCALE_NODES='" + nodes + "'"
                    + " FAKE_HEADSCALE_RECORD='" + dir.resolve("headscale-calls.txt") + "' exec '" + headscale + "' \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
            env.put("MESH_HEADSCALE_COMMAND", wrapper.toString());
            this.aptLockTimeout = aptLockTimeout;
            writeConfig(TailscaleDouble.writeInstaller(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("MESH_HEADSCALE_SUDO", "false");
        env.put("MESH_SSH_KNOWN_HOSTS", knownHosts.toString());
        env.put("MESH_SSH_CONFIG", "");
        env.put("MESH_TIMEOUT_CONNECT", "10s");
        env.put("LANG", "C.UTF-8");
    }

    /** Adds HOCON to the run's {@code --config} file; later keys win over the defaults above. */
    public MeshCli setting(String hocon) {
        settings.append(hocon).append('\n');
        try {
            Files.writeString(config, hocon + "\n", java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The run's configuration with {@code installer} as Tailscale's upload, then what {@link #setting} added. */
    private void writeConfig(Path installer) throws IOException {
        Files.writeString(config, "mesh.plugins.linux {\n"
                + "  install.method = upload\n"
                + "  install.upload-file = \"" + installer + "\"\n"
                + "  install.script-url = \"http://127.0.0.1:9/never-fetched.sh\"\n"
                + "  apt-lock-timeout = " + aptLockTimeout + "\n"
                // the containers have no TUN device, like unprivileged LXC and Docker hosts
                + "  userspace-networking = true\n"
                + "  service-check = 1s\n"
                + "}\n" + settings);
    }

    /** From now on Tailscale's install waits {@code seconds} first ({@link TailscaleDouble#writeSlowInstaller}). */
    MeshCli slowInstall(int seconds) {
        try {
            writeConfig(TailscaleDouble.writeSlowInstaller(dir, seconds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Back to the installer that installs at once. */
    MeshCli quickInstall() {
        try {
            writeConfig(TailscaleDouble.writeInstaller(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Makes the Headscale CLI double say it is {@code version} (default 0.26.0). */
    public MeshCli headscaleVersion(String version) {
        Path wrapper = dir.resolve("headscale");
        try {
            Files.writeString(wrapper, Files.readString(wrapper).replaceFirst("FAKE_HEADSCALE_VERSION=\\S+",
                    "FAKE_HEADSCALE_VERSION=" + version));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The minted keys ({@code preauthkeys create} calls) so far. */
    public long keysMinted() {
        return headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count();
    }

    /** Pins the host's keys, so verification is real (an unknown key would otherwise be accepted as new). */
    public MeshCli trust(LinuxHost host) {
        try {
            Files.write(knownHosts, host.knownHostsLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Run provision(LinuxHost host, String... extra) {
        return provision(host.target(), host.port(), extra);
    }

    Run provision(String target, int port, String... extra) {
        return run(provisionArguments(target, port, SERVER, extra));
    }

    /** {@code mesh remote provision} with {@code server} as the login server. */
    public Run provisionOn(LinuxHost host, String server, String... extra) {
        return run(provisionArguments(host.target(), host.port(), server, extra));
    }

    /** The arguments of {@code mesh remote provision} for {@code target}. */
    List<String> provisionArguments(String target, int port, String... extra) {
        return provisionArguments(target, port, SERVER, extra);
    }

    private List<String> provisionArguments(String target, int port, String server, String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "remote", "provision", target,
                "-p", String.valueOf(port), "-s", server, "-i", ClientKey.shared().privateKey().toString()));
        args.addAll(List.of(extra));
        return args;
    }

    public Run detect(String target, int port) {
        return run(List.of("--config", config.toString(), "remote", "detect", target, "-p", String.valueOf(port),
                "-i", ClientKey.shared().privateKey().toString()));
    }

    /** {@code mesh remote prepare} with the sudo password piped in ({@code --sudo-password-stdin}). */
    Run prepare(LinuxHost host, String sudoPassword) {
        return run(List.of("--config", config.toString(), "remote", "prepare", host.target(), "-p",
                String.valueOf(host.port()), "-i", ClientKey.shared().privateKey().toString(), "--sudo-password-stdin"),
                sudoPassword + "\n");
    }

    public Run run(List<String> args) {
        return run(args, "");
    }

    private Run run(List<String> args, String stdin) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = MeshCommandLine.create(env, new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    public List<String> headscaleCalls() {
        Path record = dir.resolve("headscale-calls.txt");
        try {
            return Files.exists(record) ? Files.readAllLines(record) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The keys the Headscale double minted, each as {@code valid} or {@code expired}, in order. */
    List<String> keyStates() {
        Path keys = dir.resolve("headscale-calls.txt.keys");
        try {
            return Files.exists(keys) ? Files.readAllLines(keys).stream().map(l -> l.endsWith(" 1") ? "expired" : "valid")
                    .toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of {@link #KEY}, hex: what the tailscale double records instead of the key. */
    static String keyDigest() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(KEY.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
