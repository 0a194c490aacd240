/**
 * Minting Headscale pre-auth keys. {@link dev.mesh.core.authkey.AuthKeySource} is the seam;
 * {@link dev.mesh.core.authkey.HeadscaleCliKeySource} uses the headscale CLI on this machine and
 * adapts to the CLI's changes between Headscale 0.22 and 0.29. Keys are
 * {@link dev.mesh.api.Secret}s and never appear in messages or logs.
 */
package dev.mesh.core.authkey;
