package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mesh plugins}: each plugin's SPI and capabilities, and a plugin refused with both versions. */
class PluginsCommandTest {
    @TempDir
    Path dir;

    @Test
    void listsTheBuiltInPluginsWithTheirSpiAndWhatTheyCanDo() throws IOException {
        CliHarness cli = new CliHarness(dir);
        assertEquals(ExitCodes.OK, cli.run("plugins"), cli.output());
        String spi = SpiVersion.toString(SpiVersion.CURRENT);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("linux +provisioner .* " + spi
                + " +install Syncthing, prepare hosts, lock hosts, pair Syncthing, .*remove hosts from the mesh, run probes in one shared shell .*")), cli.out);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("windows +provisioner .* " + spi
                + " +install Syncthing, lock hosts, pair Syncthing, .*remove hosts from the mesh .*")), cli.out);
        assertTrue(cli.out.lines().anyMatch(l -> l.matches("macos +detector .* " + spi + " +- .*")), cli.out);
    }

    @Test
    void aPluginForAnotherSpiIsReportedWithBothVersions() throws IOException {
        CliHarness cli = new CliHarness(dir);
        Path jar = dir.resolve("next-major.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.mesh.api.OsProvisioner"));
            out.write((NextMajor.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        cli.env.put("MESH_PLUGIN_PATH", jar.toString());
        assertEquals(ExitCodes.FAILURE, cli.run("plugins"), cli.output());
        assertTrue(cli.err.contains("failed to load from " + jar) && cli.err.contains("was built for plugin SPI 9.0, this mesh has"
                + " plugin SPI " + SpiVersion.toString(SpiVersion.CURRENT)), cli.err);
    }

    /** A provisioner that says it was built for SPI 9; mesh must not call anything else. */
    public static final class NextMajor implements OsProvisioner {
        @Override
        public String id() {
            return "next";
        }

        @Override
        public String family() {
            return "nextos";
        }

        @Override
        public int spiVersion() {
            return 9000;
        }

        @Override
        public Preflight inspect(ProvisioningContext ctx) {
            throw new AssertionError("refused plugins are never called");
        }

        @Override
        public void installTailscale(ProvisioningContext ctx) {
            throw new AssertionError("refused plugins are never called");
        }

        @Override
        public ConnectResult connect(ProvisioningContext ctx) {
            throw new AssertionError("refused plugins are never called");
        }

        @Override
        public TailscaleStatus verify(ProvisioningContext ctx) {
            throw new AssertionError("refused plugins are never called");
        }
    }
}
