package dev.mesh.cli.realhost;

/**
 * Prints the measurements the real-host tests take (run times, SSH logins per provision) to the
 * test output, where CI logs keep them; slf4j is switched off in mesh-cli, so it would hide them.
 */
public final class Measured {
    private Measured() {
    }

    public static void report(String format, Object... args) {
        System.out.println("[realhost] " + String.format(format, args));
    }
}
