package dev.mesh.cli;

import dev.mesh.core.text.SafeLogStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the {@code mesh} launcher. Log output (slf4j-simple writes to {@code System.err}, as
 * {@code simplelogger.properties} says) goes through a {@link SafeLogStream}, so no log line, whoever
 * wrote it (mesh, MINA SSHD, the JDK), can carry a host's control characters or a live secret; the
 * console writes to the real standard error and does its own neutralising.
 */
public final class Main {
    private Main() {
    }

    /**
     * How many times {@code -v} is given, as picocli counts it ({@code -v -v}, {@code -vv},
     * {@code --verbose}, clustered with other short options), up to {@code --}.
     */
    static int verbosity(String[] args) {
        int count = 0;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--verbose")) {
                count++;
            } else if (arg.matches("-[A-Za-z]+")) {
                count += (int) arg.chars().filter(c -> c == 'v').count();
            }
        }
        return count;
    }

    public static void main(String[] args) {
        if (VersionShortcut.printed(args, System.out)) {
            return;
        }
        if (verbosity(args) >= 2) {
            // -vv: the libraries' debug log (MINA SSHD). Before the first logger exists: slf4j-simple
            // reads its level once. -v alone is mesh's own command log (CommandLog), not this.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(new SafeLogStream(realErr), true, StandardCharsets.UTF_8));
        System.exit(MeshCommandLine.createFor(args, System.getenv(), System.in, new PrintWriter(System.out, true),
                new PrintWriter(realErr, true)).execute(args));
    }
}
