package dev.mesh.core.config;

/**
 * An environment variable mesh reads, for {@code --help} and the README.
 *
 * @param name        e.g. {@code MESH_SSH_PORT}
 * @param path        the setting it overrides, e.g. {@code mesh.ssh.port}
 * @param description what the setting means, one line
 */
public record EnvironmentVariable(String name, String path, String description) {
}
