package dev.mesh.api;

/**
 * Choices the operator made for this run.
 *
 * @param skipSyncthing do not install Syncthing
 * @param dryRun        connect, detect and inspect only, then say what would be done: a plugin's
 *                      {@link OsProvisioner#inspect} must change NOTHING on the host when this is set
 *                      (no service started, no client upgraded, no preference set, no file written, no
 *                      package index refreshed) and reports what it would start, upgrade or set instead
 *                      ({@link Preflight#changes()}); no key is minted and no other step runs. Since SPI 2.1
 */
public record ProvisioningOptions(boolean skipSyncthing, boolean dryRun) {

    /** A run that changes the host (not a dry run): SPI 2.0's constructor. */
    public ProvisioningOptions(boolean skipSyncthing) {
        this(skipSyncthing, false);
    }
}
