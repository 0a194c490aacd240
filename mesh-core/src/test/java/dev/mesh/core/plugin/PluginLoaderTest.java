package dev.mesh.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.SpiVersion;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    @TempDir
    Path dir;

    private Path jar(String name, Class<?> service, Class<?>... impls) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/" + service.getName()));
            StringBuilder sb = new StringBuilder("# test plugin\n");
            for (Class<?> c : impls) {
                sb.append(c.getName()).append('\n');
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    private static ClassLoader isolatedParent() {
        // The test class path has no services files, so only the jars under test contribute plugins.
        return PluginLoaderTest.class.getClassLoader();
    }

    @Test
    void findsPluginsInAPluginDirectoryAndNamesTheirJar() throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        jar("plugins/alpha.jar", OsProvisioner.class, TestPlugins.AlphaProvisioner.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(plugins));
        assertEquals(List.of("alphaos"), registry.families());
        PluginInfo info = registry.infos().get(0);
        assertEquals("alpha", info.id());
        assertEquals("provisioner", info.kind());
        assertTrue(registry.problems().isEmpty(), registry.problems().toString());
    }

    @Test
    void duplicateIdsAreAnErrorNamingBothJars() throws IOException {
        Path a = jar("a.jar", OsProvisioner.class, TestPlugins.AlphaProvisioner.class);
        Path b = jar("b.jar", OsProvisioner.class, TestPlugins.AlphaTwinProvisioner.class);
        PluginLoadException e = assertThrows(PluginLoadException.class,
                () -> PluginLoader.load(isolatedParent(), List.of(a, b)));
        assertTrue(e.getMessage().contains("'alpha'"), e.getMessage());
        // Both classes live in the test classes directory; the message names where each was loaded from.
        assertTrue(e.getMessage().contains(" and "), e.getMessage());
    }

    @Test
    void aBrokenPluginIsReportedWithItsJarAndTheOthersStillLoad() throws IOException {
        Path broken = jar("broken.jar", OsProvisioner.class, TestPlugins.BrokenProvisioner.class);
        Path good = jar("good.jar", OsProvisioner.class, TestPlugins.AlphaProvisioner.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(broken, good));
        assertEquals(List.of("alphaos"), registry.families());
        assertEquals(1, registry.problems().size());
        PluginProblem problem = registry.problems().get(0);
        assertEquals(broken.toString(), problem.location());
        assertTrue(problem.message().contains("BrokenProvisioner"), problem.message());
    }

    @Test
    void aPluginThatNeedsANewerMinorIsRefusedWithBothVersions() throws IOException {
        Path future = jar("future.jar", OsProvisioner.class, TestPlugins.FutureProvisioner.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(future));
        assertTrue(registry.provisioners().isEmpty());
        String message = registry.problems().get(0).message();
        String here = SpiVersion.toString(SpiVersion.CURRENT);
        assertTrue(message.contains("needs plugin SPI " + SpiVersion.toString(SpiVersion.CURRENT + 1)
                + ", this mesh has plugin SPI " + here), message);
    }

    @Test
    void aPluginForAnotherMajorIsRefusedWithBothVersions() throws IOException {
        Path next = jar("next.jar", OsProvisioner.class, TestPlugins.NextMajorProvisioner.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(next));
        assertTrue(registry.provisioners().isEmpty());
        String message = registry.problems().get(0).message();
        assertTrue(message.contains("was built for plugin SPI " + (SpiVersion.MAJOR + 1) + ".0") && message.contains("another major"),
                message);
    }

    @Test
    void theVersionRuleLoadsOlderMinorsOfTheSameMajorOnly() {
        assertTrue(SpiCompatibility.refusal(2000, 2003).isEmpty());
        assertTrue(SpiCompatibility.refusal(2003, 2003).isEmpty());
        assertTrue(SpiCompatibility.refusal(2004, 2003).orElseThrow().contains("needs plugin SPI 2.4, this mesh has plugin SPI 2.3"));
        assertTrue(SpiCompatibility.refusal(1, 2003).orElseThrow().contains("built for plugin SPI 1.0"));
        assertTrue(SpiCompatibility.refusal(3000, 2003).orElseThrow().contains("built for plugin SPI 3.0"));
    }

    @Test
    void aPluginThatThrowsAnErrorWhileDescribingItselfIsReportedNotThrown() throws IOException {
        Path crashing = jar("crashing.jar", OsProvisioner.class, TestPlugins.CrashingProvisioner.class);
        Path good = jar("good.jar", OsProvisioner.class, TestPlugins.AlphaProvisioner.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(crashing, good));
        assertEquals(List.of("alphaos"), registry.families());
        assertTrue(registry.problems().get(0).message().contains("NoSuchMethodError"), registry.problems().toString());
    }

    @Test
    void theRecordSaysWhatAProvisionerCanDoAndWhichSpiItWasBuiltFor() throws IOException {
        Path plugins = jar("alpha.jar", OsProvisioner.class, TestPlugins.AlphaProvisioner.class);
        PluginInfo info = PluginLoader.load(isolatedParent(), List.of(plugins)).infos().get(0);
        assertEquals(List.of("install Syncthing"), info.capabilities());
        assertEquals(SpiVersion.toString(SpiVersion.CURRENT), info.spiVersion());
    }

    @Test
    void detectorsAreOrdered() throws IOException {
        Path d = jar("d.jar", OsDetector.class, TestPlugins.LateDetector.class, TestPlugins.EarlyDetector.class);
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(d));
        assertEquals(List.of("early", "late"), registry.detectors().stream().map(OsDetector::id).toList());
    }

    @Test
    void missingPluginPathsAreIgnored() {
        PluginRegistry registry = PluginLoader.load(isolatedParent(), List.of(dir.resolve("nope")));
        assertTrue(registry.provisioners().isEmpty());
        assertTrue(registry.problems().isEmpty());
    }
}
