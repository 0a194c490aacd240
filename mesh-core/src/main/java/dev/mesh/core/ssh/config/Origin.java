package dev.mesh.core.ssh.config;

import java.nio.file.Path;

/** Where a setting came from: a file and a 1-based line. */
public record Origin(Path file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
