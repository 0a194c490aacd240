package dev.mesh.cli;

import java.io.PrintStream;

/**
 * {@code mesh --version} (or {@code -V}) alone, answered before picocli builds its command model:
 * picocli reflects over the annotations of every subcommand first (annotation proxies, converters,
 * interpolation), which is most of what this command costs after the JVM itself (README "Start-up",
 * {@code bench/profile.sh}). It prints what picocli prints for it, the lines of {@link MeshVersion};
 * {@code VersionShortcutTest} holds the two equal. Anything else goes to picocli.
 */
final class VersionShortcut {
    private VersionShortcut() {
    }

    /** Prints the version and returns true when {@code args} is exactly {@code --version} or {@code -V}. */
    static boolean printed(String[] args, PrintStream out) {
        if (args.length != 1 || !("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return false;
        }
        for (String line : new MeshVersion().getVersion()) {
            out.println(line);
        }
        out.flush();
        return true;
    }
}
