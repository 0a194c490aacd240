package dev.mesh.cli;

import dev.mesh.api.SpiVersion;
import picocli.CommandLine;

/** {@code mesh --version}: the version from the jar manifest and the plugin SPI version. */
final class MeshVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = MeshVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "mesh " + (v == null ? "(development build)" : v),
            "plugin SPI " + SpiVersion.toString(SpiVersion.CURRENT) + ", Java " + Runtime.version(),
        };
    }
}
