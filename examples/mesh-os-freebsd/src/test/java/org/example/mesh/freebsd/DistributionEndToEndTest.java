package org.example.mesh.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.testkit.SecretAssertions;
import dev.mesh.testkit.SimulatedHost;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin as a user installs it: the jar {@code mvn package} made, dropped into {@code plugins/} of a
 * copy of a mesh distribution ({@code -Dmesh.dist}), and {@code bin/mesh} run as a process against the
 * simulated FreeBSD host over SSH, with mesh's Headscale CLI double ({@code -Dmesh.headscale.double}).
 * Runs in {@code verify} only when {@code -Dmesh.dist} is given, and then fails rather than skips.
 */
class DistributionEndToEndTest {
    /** The key the Headscale double hands out. */
    private static final String KEY = "hskey-auth-FreeBsdE2E123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;
    Path mesh;
    Path nodes;
    Path headscaleCalls;
    SimulatedFreeBsdHost<SimulatedHost> bsd;
    String out = "";
    String err = "";

    @BeforeEach
    void install() throws IOException {
        Path dist = Path.of(property("mesh.dist"));
        Path jar = Path.of(property("plugin.jar"));
        assertTrue(Files.isExecutable(dist.resolve("bin/mesh")), "no mesh distribution at " + dist);
        assertTrue(Files.isRegularFile(jar), "no plugin jar at " + jar);
        mesh = dir.resolve("mesh");
        copyTree(dist, mesh);
        Files.copy(jar, mesh.resolve("plugins").resolve(jar.getFileName()));

        nodes = dir.resolve("headscale-nodes.txt");
        headscaleCalls = dir.resolve("headscale-calls.txt");
        bsd = SimulatedFreeBsdHost.overSsh(dir.resolve("host"));
        bsd.validKeys.add(KEY);
        // Headscale lists the node once it joined (ID NAME GIVEN_NAME IP ONLINE, the double's nodes file)
        bsd.onJoin = ip -> append(nodes, "3 bsd1 bsd1 " + ip + " true\n");
    }

    @AfterEach
    void stop() {
        bsd.close();
    }

    @Test
    void meshListsThePluginFromPluginsAndProvisionsAFreeBsdHostWithIt() throws Exception {
        assertEquals(0, mesh("plugins"), out + err);
        String jar = mesh.resolve("plugins").resolve(Path.of(property("plugin.jar")).getFileName()).toString();
        assertTrue(out.lines().anyMatch(l -> l.matches("freebsd +detector +1\\.0\\.0-SNAPSHOT +2\\.\\d+ +- +" + jar)), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("freebsd +provisioner +1\\.0\\.0-SNAPSHOT +2\\.\\d+ +install Syncthing, report host status +" + jar)),
                out);

        assertEquals(0, mesh("remote", "provision", "beastie@127.0.0.1", "-p", String.valueOf(bsd.host.port()),
                "-s", "http://127.0.0.1:8080", "-i", bsd.host.clientKey().toString()), out + err);

        assertTrue(out.contains(" is on the mesh: " + SimulatedFreeBsdHost.TAILSCALE_IP), out + err);
        assertTrue(bsd.commands().containsAll(List.of("uname -s", "freebsd-version", "sudo -n pkg install -y tailscale",
                "sudo -n sysrc tailscaled_enable=YES", "sudo -n service tailscaled start", "sudo -n pkg install -y syncthing",
                "sudo -n service syncthing start")), bsd.commands().toString());
        assertEquals(List.of("/dev/stdin"), bsd.keySources, "the key went to tailscale up on its standard input");
        SecretAssertions.assertOnlyOnStdin(bsd.host, Secret.of(KEY));
        assertFalse((out + err).contains(KEY), "the key in mesh's output");
        assertEquals(List.of(), bsd.unknown, "commands the host did not understand");
        assertEquals(1, Files.readAllLines(headscaleCalls).stream().filter(l -> l.startsWith("preauthkeys create")).count());

        // mesh remote status through the plugin's HostStatusReport: read-only, the node as Tailscale reports it
        int commandsBefore = bsd.commands().size();
        assertEquals(0, mesh("remote", "status", "beastie@127.0.0.1", "-p", String.valueOf(bsd.host.port()),
                "-s", "http://127.0.0.1:8080", "-i", bsd.host.clientKey().toString(), "--output", "json"), out + err);
        assertTrue(out.replace(" ", "").contains("\"backend-state\":\"Running\""), out);
        assertTrue(bsd.commands().subList(commandsBefore, bsd.commands().size()).stream()
                .noneMatch(c -> c.contains("pkg install") || c.contains("service tailscaled start") || c.contains(" up ")),
                "status changes nothing: " + bsd.commands());
    }

    /** Runs the copied distribution's bin/mesh in an environment of its own; bounded. */
    private int mesh(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mesh.resolve("bin/mesh").toString()));
        command.addAll(List.of(args));
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = pb.environment();
        env.remove("MESH_PLUGIN_PATH");
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("MESH_HEADSCALE_COMMAND", headscaleWrapper().toString());
        env.put("MESH_HEADSCALE_SUDO", "false");
        env.put("MESH_SSH_KNOWN_HOSTS", dir.resolve("known_hosts").toString());
        env.put("MESH_SSH_CONFIG", "");
        env.put("MESH_TIMEOUT_CONNECT", "5s");
        env.put("LANG", "C.UTF-8");
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("mesh " + String.join(" ", args) + " did not finish in 120 s");
        }
        out = Files.readString(stdout);
        err = Files.readString(stderr);
        return p.exitValue();
    }

    /** mesh runs the Headscale CLI double (mesh-core's test resource) through this wrapper, as mesh-cli's tests do. */
    private Path headscaleWrapper() throws IOException {
        Path wrapper = dir.resolve("headscale");
        Files.writeString(wrapper, "#!/bin/sh\nFAKE_HEADSCALE_VERSION=0.26.0 FAKE_HEADSCALE_KEY=" + KEY
                + " FAKE_HEADSCALE_RECORD='" + headscaleCalls + "' FAKE_HEADSCALE_NODES='" + nodes + "'"
                + " exec sh '" + property("mesh.headscale.double") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return wrapper;
    }

    private static String property(String name) {
        String value = System.getProperty(name, "");
        assertFalse(value.isBlank(), "-D" + name + " is not set");
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
