package dev.mesh.core.plugin;

import dev.mesh.api.SpiVersion;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a plugin built for one plugin SPI version may run in this mesh ({@link SpiVersion}): the same
 * major and a minor up to mesh's own. Also names the SPI a plugin was built for when it cannot even
 * be linked, from the API types it refers to that a later major removed.
 */
final class SpiCompatibility {
    /** Types of mesh-api that a major version removed, and the SPI whose plugins used them. */
    private static final Map<String, String> REMOVED = Map.of(
            "dev/mesh/api/HostStatus", "1.0",
            "dev/mesh/api/ProvisioningOutcome", "1.0",
            "dev/mesh/api/TailscaleStatus", "1.0",
            "dev/mesh/api/ControlServers", "1.0",
            "dev/mesh/api/ConnectResult$Connected", "1.0",
            "dev/mesh/api/ConnectResult$ManualStepNeeded", "1.0");

    private SpiCompatibility() {
    }

    /**
     * Why a plugin built for {@code plugin} cannot run with mesh's {@code mesh} version, or empty when it can.
     * Both arguments are packed as {@link SpiVersion#CURRENT} is.
     */
    static Optional<String> refusal(int plugin, int mesh) {
        String built = SpiVersion.toString(plugin);
        String here = SpiVersion.toString(mesh);
        if (SpiVersion.major(plugin) != SpiVersion.major(mesh)) {
            return Optional.of("was built for plugin SPI " + built + ", this mesh has plugin SPI " + here
                    + " (another major version): rebuild it against mesh-api " + here);
        }
        if (SpiVersion.minor(plugin) > SpiVersion.minor(mesh)) {
            return Optional.of("needs plugin SPI " + built + ", this mesh has plugin SPI " + here
                    + ": update mesh, or use a plugin built for " + here);
        }
        return Optional.empty();
    }

    /**
     * Explains a class that cannot be linked. {@code NoClassDefFoundError: dev/mesh/api/HostStatus}
     * means the plugin was built for SPI 1.
     */
    static String linkFailure(Throwable e) {
        String here = SpiVersion.toString(SpiVersion.CURRENT);
        for (Throwable t = e; t != null; t = t.getCause()) {
            String missing = String.valueOf(t.getMessage()).replace('.', '/');
            if (t instanceof LinkageError && REMOVED.containsKey(missing)) {
                return "was built for plugin SPI " + REMOVED.get(missing) + " (it uses " + missing.replace('/', '.')
                        + "), this mesh has plugin SPI " + here + " (another major version): rebuild it against mesh-api " + here;
            }
            if (t instanceof LinkageError) {
                return "cannot be linked (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                        + "): was it built for another mesh-api? This mesh has plugin SPI " + here;
            }
        }
        return null;
    }
}
