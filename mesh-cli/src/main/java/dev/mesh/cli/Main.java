package dev.mesh.cli;

import dev.mesh.core.text.SafeLogStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Entry point of the {@code mesh} launcher. Log output (slf4j-simple writes to {@code System.err}, as
 * {@code simplelogger.properties} says) goes through a {@link SafeLogStream}, so no log line, whoever
 * wrote it (mesh, MINA SSHD, the JDK), can carry a host's control characters or a live secret; the
 * console writes to the real standard error and does its own neutralising.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
            // Before the first logger exists: slf4j-simple reads its level once.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(new SafeLogStream(realErr), true, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(realErr, true);
        Interrupts interrupts = Interrupts.install(err);
        picocli.CommandLine commandLine = MeshCommandLine.create(System.getenv(), System.in,
                new PrintWriter(System.out, true), err);
        ((MeshCommand) commandLine.getCommand()).interrupts(interrupts);
        System.exit(commandLine.execute(args));
    }
}
