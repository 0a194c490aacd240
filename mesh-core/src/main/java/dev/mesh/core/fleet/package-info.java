/**
 * Many hosts in one run ({@code mesh remote provision --all}): {@link dev.mesh.core.fleet.FleetRun}
 * runs the provisioning sequence for each host with bounded parallelism over the process's one SSH
 * client, sharing Headscale's answers ({@link dev.mesh.core.fleet.SharedNodes}) and the pre-auth key
 * ({@link dev.mesh.core.fleet.SharedKeys}) across hosts.
 */
package dev.mesh.core.fleet;
