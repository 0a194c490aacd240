// Stands in for a Headscale server reached over SSH (a Linux machine with the headscale CLI and sudo, which cannot run here): SimulatedHost answering `[sudo -n] 'PREFIX'... 'arg'... ["$(cat)"]` by running the headscale CLI double.
package dev.mesh.cli;

import dev.mesh.api.CommandResult;
import dev.mesh.core.exec.LocalCommandRunner;
import dev.mesh.core.exec.LocalResult;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An SSH server whose {@code headscale} command (or another argument prefix, e.g. {@code docker exec
 * headscale headscale}) is the CLI double of mesh-core's tests (through the harness's wrapper, so
 * version and mode are the harness's). The command line is split like sh splits single-quoted words,
 * so a badly quoted argument reaches the double wrongly and fails; a last word {@code "$(cat)"} is
 * replaced by the command's standard input, as sh would.
 */
final class SimulatedHeadscaleServer implements AutoCloseable {
    final SimulatedHost host;

    SimulatedHeadscaleServer(Path workDir, Path headscaleWrapper) {
        this(workDir, headscaleWrapper, List.of("headscale"));
    }

    /** @param prefix the words that stand for the CLI, e.g. {@code [docker, exec, headscale, headscale]} */
    SimulatedHeadscaleServer(Path workDir, Path headscaleWrapper, List<String> prefix) {
        host = SimulatedHost.start("admin", workDir);
        String quoted = String.join(" ", prefix.stream().map(w -> "'" + w + "'").toList()) + " ";
        host.onCall(c -> c.startsWith("sudo -n " + quoted) || c.startsWith(quoted), (call, h) -> {
            String c = call.command();
            String line = c.startsWith("sudo -n ") ? c.substring("sudo -n ".length()) : c;
            String fromStdin = null;
            if (line.endsWith(" \"$(cat)\"")) {
                line = line.substring(0, line.length() - " \"$(cat)\"".length());
                fromStdin = call.input().strip();
            }
            List<String> words = shWords(line);
            List<String> argv = new ArrayList<>();
            argv.add(headscaleWrapper.toString());
            argv.addAll(words.subList(prefix.size(), words.size()));
            if (fromStdin != null) {
                argv.add(fromStdin);
            }
            LocalResult r = new LocalCommandRunner().run(argv, Duration.ofSeconds(60), Map.of());
            return CommandResult.of(r.exitCode(), r.stdout(), r.stderr());
        });
    }

    /** Splits a line of single-quoted words ({@code 'a' 'b'\''c'}) as sh would. */
    static List<String> shWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '\'') {
                quoted = true;
                word = word == null ? new StringBuilder() : word;
            } else if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Override
    public void close() {
        host.close();
    }
}
