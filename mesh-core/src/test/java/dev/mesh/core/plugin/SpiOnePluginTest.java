package dev.mesh.core.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar built against plugin SPI 1 (mesh-api 0.1), as a third party shipped it, loaded into
 * this mesh. The jar is made here: javac compiles the SPI 1 interfaces (a copy under
 * src/test/resources/spi-v1, as .java.txt) together with a plugin written against them, and only the plugin's
 * classes go into the jar. Loading it must refuse it, naming the jar and both SPI versions, and throw
 * nothing: no LinkageError may surface later, during a run.
 */
class SpiOnePluginTest {
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void buildTheOldPlugin() throws IOException, URISyntaxException {
        Path resources = Path.of(SpiOnePluginTest.class.getResource("/spi-v1").toURI());
        Path sources = dir.resolve("src");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-nowarn", "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(resources)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java.txt")).toList()) {
                String name = resources.relativize(f).toString();
                Path source = sources.resolve(name.substring(0, name.length() - ".txt".length()));
                Files.createDirectories(source.getParent());
                Files.copy(f, source);
                args.add(source.toString());
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        int status = javac.getTask(errors, null, null, args.subList(0, 6), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromStrings(args.subList(6, args.size())))
                .call() ? 0 : 1;
        assertEquals(0, status, errors.toString());
        jar = dir.resolve("oldos-plugin-1.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            Path plugin = classes.resolve("com/example/oldplugin");
            try (Stream<Path> files = Files.list(plugin)) {
                for (Path f : files.sorted().toList()) {
                    add(out, "com/example/oldplugin/" + f.getFileName(), Files.readAllBytes(f));
                }
            }
            add(out, "META-INF/services/dev.mesh.api.OsDetector", "com.example.oldplugin.OldOsDetector\n".getBytes(StandardCharsets.UTF_8));
            add(out, "META-INF/services/dev.mesh.api.OsProvisioner", "com.example.oldplugin.OldOsProvisioner\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    @Test
    void theJarHoldsOnlyThePluginNotTheOldApi() throws IOException {
        try (InputStream in = Files.newInputStream(jar); var zip = new java.util.zip.ZipInputStream(in)) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertTrue(!e.getName().startsWith("dev/"), e.getName());
            }
        }
    }

    @Test
    void anSpiOnePluginIsRefusedNamingItsJarAndBothVersions() {
        PluginRegistry registry = PluginLoader.load(getClass().getClassLoader(), List.of(jar));
        assertTrue(registry.detectors().stream().noneMatch(d -> d.getClass().getName().startsWith("com.example")));
        assertTrue(registry.provisioners().stream().noneMatch(p -> p.getClass().getName().startsWith("com.example")));
        List<PluginProblem> problems = registry.problems();
        assertEquals(2, problems.size(), problems.toString());
        for (PluginProblem problem : problems) {
            assertEquals(jar.toString(), problem.location(), problems.toString());
            assertTrue(problem.message().contains("plugin SPI 1.0") && problem.message().contains("plugin SPI " + dev.mesh.api.SpiVersion.toString(dev.mesh.api.SpiVersion.CURRENT)),
                    problem.message());
            assertTrue(problem.message().contains("rebuild it against mesh-api "
                    + dev.mesh.api.SpiVersion.toString(dev.mesh.api.SpiVersion.CURRENT)), problem.message());
        }
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("detector com.example.oldplugin.OldOsDetector")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.message().startsWith("provisioner com.example.oldplugin.OldOsProvisioner")),
                problems.toString());
    }

    @Test
    void theOtherPluginsStillLoad() throws IOException {
        Path good = dir.resolve("good.jar");
        try (OutputStream file = Files.newOutputStream(good); JarOutputStream out = new JarOutputStream(file)) {
            add(out, "META-INF/services/dev.mesh.api.OsProvisioner",
                    (TestPlugins.AlphaProvisioner.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        PluginRegistry registry = PluginLoader.load(getClass().getClassLoader(), List.of(jar, good));
        assertEquals(List.of("alphaos"), registry.families());
        assertEquals(2, registry.problems().size());
    }
}
