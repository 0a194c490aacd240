package dev.mesh.api;

/**
 * The version of the plugin SPI. A plugin returns {@link #CURRENT} from its {@code spiVersion()}
 * method; because the constant is inlined when the plugin is compiled, the value records the SPI
 * the plugin was built against, and mesh-core refuses a plugin built against another version.
 */
public final class SpiVersion {
    /** The SPI version of this mesh-api. Bumped only on incompatible changes. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
