package dev.mesh.cli.realhost.ssh;

import dev.mesh.cli.MeshCommandLine;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real {@code mesh} command line, in-process, with an environment of its own: no user
 * configuration, known_hosts in the test's directory, no ssh config unless a test sets
 * {@code MESH_SSH_CONFIG}, no ssh-agent unless it sets {@code SSH_AUTH_SOCK}.
 */
final class MeshRun {
    /** One run's exit code and output. */
    record Result(int exit, String out, String err) {
        String output() {
            return out + err;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final Path knownHosts;

    MeshRun(Path dir) {
        knownHosts = dir.resolve("known_hosts");
        env.put("XDG_CONFIG_HOME", dir.resolve("xdg").toString());
        env.put("MESH_SSH_KNOWN_HOSTS", knownHosts.toString());
        env.put("MESH_SSH_CONFIG", "");
        env.put("MESH_SSH_CONNECT_TIMEOUT", "10s");
        env.put("NO_COLOR", "1");
    }

    /** {@code mesh remote detect HOST ARGS...}. */
    Result detect(String host, String... args) {
        List<String> all = new ArrayList<>(List.of("remote", "detect", host));
        all.addAll(List.of(args));
        return run(all, "");
    }

    Result run(List<String> args, String stdin) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MeshCommandLine.create(Map.copyOf(env),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true)).execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
