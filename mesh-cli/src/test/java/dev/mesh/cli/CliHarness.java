package dev.mesh.cli;

import dev.mesh.core.provision.StopSignal;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code mesh} command line in-process with an isolated environment: no user config,
 * a temporary known_hosts, no ~/.ssh/config, and the Headscale CLI double from mesh-core's tests.
 */
final class CliHarness {
    static final String KEY = "hskey-auth-TestKey12345-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    final Path dir;
    final Path headscaleRecord;
    /** The nodes the Headscale CLI double lists (see its FAKE_HEADSCALE_NODES). */
    final Path headscaleNodes;
    final Map<String, String> env = new HashMap<>();
    /** What the command reads on standard input. */
    String stdin = "";
    /** What SIGINT/SIGTERM would raise in the mesh process ({@link Interrupts}); a test raises it itself. */
    StopSignal stop;
    String out = "";
    String err = "";

    CliHarness(Path dir) throws IOException {
        this.dir = dir;
        this.headscaleRecord = dir.resolve("headscale-calls.txt");
        this.headscaleNodes = dir.resolve("headscale-nodes.txt");
        Path fake = dir.resolve("fake-headscale");
        try (InputStream in = CliHarness.class.getResourceAsStream("/fake-headscale/headscale")) {
            Files.copy(in, fake);
        }
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        headscale("0.26.0", "normal");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("MESH_HEADSCALE_SUDO", "false");
        env.put("MESH_SSH_KNOWN_HOSTS", dir.resolve("known_hosts").toString());
        env.put("MESH_SSH_CONFIG", "");
        env.put("MESH_TIMEOUT_CONNECT", "5s");
        env.put("LANG", "C.UTF-8"); // the marks are ✓ ✗ (Markers); tests of ASCII marks set LC_ALL=C
    }

    /** Points mesh at a wrapper that runs the Headscale double as {@code version} in {@code mode}. */
    void headscale(String version, String mode) throws IOException {
        headscale(version, mode, KEY);
    }

    /** As above, handing out {@code singleUseKey} for keys minted without --reusable. */
    void headscale(String version, String mode, String singleUseKey) throws IOException {
        Path wrapper = dir.resolve("headscale");
        Files.writeString(wrapper, "#!/bin/sh\n"
                + "case \" $* \" in *' --reusable '*) key=" + KEY + " ;; *) key=" + singleUseKey + " ;; esac\n"
                + "FAKE_HEADSCALE_VERSION=" + version + " FAKE_HEADSCALE_MODE=" + mode
                + " FAKE_HEADSCALE_KEY=$key FAKE_HEADSCALE_RECORD='" + headscaleRecord + "'"
                + " FAKE_HEADSCALE_NODES='" + headscaleNodes + "'"
                + " exec '" + dir.resolve("fake-headscale") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        env.put("MESH_HEADSCALE_COMMAND", wrapper.toString());
    }

    /** Path of the wrapper script that runs the Headscale CLI double. */
    Path headscaleWrapper() {
        return dir.resolve("headscale");
    }

    /** Makes the CLI double list a node: ID NAME GIVEN_NAME IPS ONLINE. */
    void registerNode(String id, String name, String ip) {
        try {
            Files.writeString(headscaleNodes, id + " " + name + " " + name + " " + ip + " true\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A host that joins (tailscale up) shows up in the CLI double's node list, as Headscale would list it. */
    void registerOnJoin(SimulatedDebianHost<SimulatedHost> host) {
        host.onJoin = joinHook("web1");
    }

    /** The same for any simulated host: a hook that lists a node called {@code name} with the joined IP. */
    java.util.function.Consumer<String> joinHook(String name) {
        return ip -> registerNode("3", name, ip);
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        picocli.CommandLine commandLine = MeshCommandLine.create(env,
                new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new PrintWriter(o, true), new PrintWriter(e, true));
        ((MeshCommand) commandLine.getCommand()).stop = stop;
        int code = commandLine.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    String output() {
        return out + err;
    }

    List<String> headscaleCalls() throws IOException {
        return Files.exists(headscaleRecord) ? Files.readAllLines(headscaleRecord) : List.of();
    }
}
