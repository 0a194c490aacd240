package dev.mesh.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin jar's reference.conf, found through the class loader, layered under the user's file. */
class TypesafePluginConfigTest {
    @TempDir
    Path dir;

    private MeshSettings loadWithPlugin(String userHocon) throws IOException {
        Path pluginJarRoot = Files.createDirectories(dir.resolve("plugin"));
        Files.writeString(pluginJarRoot.resolve("reference.conf"), String.join("\n",
                "mesh.plugins.demo {",
                "  greeting = hello",
                "  retries = 3",
                "  enabled = true",
                "  wait = 5s",
                "  packages = [a, b]",
                "}", ""));
        Path user = Files.writeString(dir.resolve("mesh.conf"), userHocon);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {pluginJarRoot.toUri().toURL()},
                getClass().getClassLoader())) {
            return MeshConfigLoader.load(loader, user, Optional.empty(), Map.of(), Map.of());
        }
    }

    @Test
    void readsThePluginsDefaultsAndTheUsersOverrides() throws IOException {
        PluginConfig demo = loadWithPlugin("mesh.plugins.demo.retries = 5\n").pluginConfig("demo");
        assertEquals("hello", demo.string("greeting"));
        assertEquals(5, demo.integer("retries"));
        assertTrue(demo.bool("enabled"));
        assertEquals(Duration.ofSeconds(5), demo.duration("wait"));
        assertEquals(List.of("a", "b"), demo.strings("packages"));
        assertTrue(demo.has("greeting"));
        assertFalse(demo.has("nothing"));
    }

    @Test
    void coreDefaultsStillLoadNextToAPluginsReferenceConf() throws IOException {
        assertEquals(22, loadWithPlugin("").ssh().port());
    }

    @Test
    void aWrongTypeNamesTheFullKeyAndTheFileAndLine() throws IOException {
        PluginConfig demo = loadWithPlugin("mesh {\n  plugins.demo.retries = many\n}\n").pluginConfig("demo");
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> demo.integer("retries"));
        assertEquals(dir.resolve("mesh.conf") + ": 2: mesh.plugins.demo.retries has type STRING rather than NUMBER",
                e.getMessage());
    }

    @Test
    void aMissingKeyNamesTheFullKey() throws IOException {
        PluginConfig demo = loadWithPlugin("").pluginConfig("demo");
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> demo.string("nothing"));
        assertTrue(e.getMessage().startsWith("mesh.plugins.demo.nothing is not set"), e.getMessage());
    }

    @Test
    void aPluginWithoutAnySettingsIsEmptyNotAnError() throws IOException {
        PluginConfig other = loadWithPlugin("").pluginConfig("other");
        assertFalse(other.has("x"));
        assertThrows(PluginConfigException.class, () -> other.bool("x"));
    }
}
