package dev.mesh.api;

/**
 * Choices the operator made for this run.
 *
 * @param skipSyncthing do not install Syncthing
 * @param dryRun        look, change nothing (SPI 2.1): PREFLIGHT reports what it would start, upgrade or
 *                      set instead of doing it
 */
public record ProvisioningOptions(boolean skipSyncthing, boolean dryRun) {

    /** Not a dry run (SPI 2.0's constructor). */
    public ProvisioningOptions(boolean skipSyncthing) {
        this(skipSyncthing, false);
    }
}
