package dev.mesh.cli;

import dev.mesh.api.SpiVersion;
import picocli.CommandLine;

/**
 * {@code mesh --version}: the version from the jar manifest, the plugin SPI version and the Java
 * runtime's version. The latter is the {@code java.runtime.version} property, which is what
 * {@code Runtime.version()} parses: its {@code toString} joins the parts with a stream and lambdas,
 * whose first use spins method-handle classes at run time (about 20 ms of a 110 ms {@code --version}).
 */
final class MeshVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = MeshVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "mesh " + (v == null ? "(development build)" : v),
            "plugin SPI " + SpiVersion.toString(SpiVersion.CURRENT) + ", Java " + System.getProperty("java.runtime.version"),
        };
    }
}
