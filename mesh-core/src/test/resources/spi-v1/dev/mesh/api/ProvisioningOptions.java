package dev.mesh.api;

/**
 * Choices the operator made for this run.
 *
 * @param skipSyncthing do not install Syncthing
 */
public record ProvisioningOptions(boolean skipSyncthing) {
}
