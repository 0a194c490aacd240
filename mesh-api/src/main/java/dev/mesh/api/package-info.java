/**
 * The mesh plugin SPI: {@link dev.mesh.api.OsDetector} recognises an OS over SSH,
 * {@link dev.mesh.api.OsProvisioner} provisions it, and the value types they exchange with
 * mesh-core. This package has no dependencies beyond the JDK; a third-party OS plugin needs nothing
 * else.
 */
package dev.mesh.api;
