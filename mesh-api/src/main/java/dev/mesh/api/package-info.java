/**
 * The mesh plugin SPI, version {@link dev.mesh.api.SpiVersion}: {@link dev.mesh.api.OsDetector}
 * recognises an OS over SSH, {@link dev.mesh.api.OsProvisioner} joins it to the mesh, optional
 * {@link dev.mesh.api.Capability capabilities} do the rest, and {@link dev.mesh.api.ProvisioningContext}
 * is what mesh-core hands a plugin for one host. Value types plugins create have factories or
 * builders, never public record constructors, so adding a field never breaks a compiled plugin. The
 * Tailscale CLI logic every OS shares is in {@link dev.mesh.api.tailscale}. This module has no
 * dependencies beyond the JDK; a third-party OS plugin needs nothing else.
 */
package dev.mesh.api;
