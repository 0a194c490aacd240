package dev.mesh.cli;

import java.util.Arrays;

/** Entry point of the {@code mesh} launcher. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (VersionShortcut.printed(args, System.out)) {
            return;
        }
        if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
            // Before the first logger exists: slf4j-simple reads its level once.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        System.exit(MeshCommandLine.create(System.getenv()).execute(args));
    }
}
