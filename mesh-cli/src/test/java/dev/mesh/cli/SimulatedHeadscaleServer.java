// Stands in for a Headscale server reached over SSH (a Linux machine with the headscale CLI and sudo, which cannot run here): SimulatedHost answering `[sudo -n] 'headscale' ...` by running the headscale CLI double.
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
 * An SSH server whose {@code headscale} command is the CLI double of mesh-core's tests (through the
 * harness's wrapper, so version and mode are the harness's). The command line is split like sh
 * splits single-quoted words, so a badly quoted argument reaches the double wrongly and fails.
 */
final class SimulatedHeadscaleServer implements AutoCloseable {
    final SimulatedHost host;

    SimulatedHeadscaleServer(Path workDir, Path headscaleWrapper) {
        host = SimulatedHost.start("admin", workDir);
        host.on(c -> c.startsWith("sudo -n 'headscale' ") || c.startsWith("'headscale' "), (c, h) -> {
            List<String> words = shWords(c.startsWith("sudo -n ") ? c.substring("sudo -n ".length()) : c);
            List<String> argv = new ArrayList<>();
            argv.add(headscaleWrapper.toString());
            argv.addAll(words.subList(1, words.size()));
            LocalResult r = new LocalCommandRunner().run(argv, Duration.ofSeconds(60), Map.of());
            return new CommandResult(r.exitCode(), r.stdout(), r.stderr(), false);
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
