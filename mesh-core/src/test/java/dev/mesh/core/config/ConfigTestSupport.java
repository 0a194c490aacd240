package dev.mesh.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Loads settings from a temporary directory: no user file unless written, no real environment. */
final class ConfigTestSupport {
    final Path dir;

    ConfigTestSupport(Path dir) {
        this.dir = dir;
    }

    Path write(String name, String hocon) throws IOException {
        return Files.writeString(dir.resolve(name), hocon);
    }

    MeshSettings load(Path userFile, Optional<Path> explicit, Map<String, String> env, Map<String, Object> flags) {
        return MeshConfigLoader.load(getClass().getClassLoader(), userFile, explicit, env, flags);
    }

    MeshSettings env(Map<String, String> env) {
        return load(dir.resolve("absent.conf"), Optional.empty(), env, Map.of());
    }

    MeshSettings user(String hocon) throws IOException {
        return load(write("mesh.conf", hocon), Optional.empty(), Map.of(), Map.of());
    }

    /** The message of the configuration error that loading {@code hocon} as mesh.conf raises. */
    String userError(String hocon) throws IOException {
        Path file = write("mesh.conf", hocon);
        return org.junit.jupiter.api.Assertions.assertThrows(MeshConfigException.class,
                () -> load(file, Optional.empty(), Map.of(), Map.of())).getMessage();
    }

    String envError(Map<String, String> env) {
        return org.junit.jupiter.api.Assertions.assertThrows(MeshConfigException.class, () -> env(env)).getMessage();
    }
}
