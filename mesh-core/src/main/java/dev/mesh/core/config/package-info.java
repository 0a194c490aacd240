/**
 * mesh's settings: HOCON files (Typesafe Config), environment variables and command-line flags,
 * layered by {@link dev.mesh.core.config.MeshConfigLoader} and read eagerly into the immutable
 * {@link dev.mesh.core.config.MeshSettings} tree, so a bad value stops mesh before it touches a host.
 */
package dev.mesh.core.config;
