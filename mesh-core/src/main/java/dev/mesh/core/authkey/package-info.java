/**
 * Headscale: minting and expiring pre-auth keys and listing nodes. {@link dev.mesh.core.authkey.AuthKeySource}
 * and {@link dev.mesh.core.authkey.HeadscaleNodes} are the seams; {@link dev.mesh.core.authkey.HeadscaleCliKeySource}
 * uses the headscale CLI (locally or over SSH, behind any argument prefix) and
 * {@link dev.mesh.core.authkey.HeadscaleRestClient} the REST API, both adapting to Headscale 0.22 to 0.29.
 * Keys are {@link dev.mesh.api.Secret}s registered with {@link dev.mesh.core.text.LiveSecrets}; they never
 * appear in messages or logs.
 */
package dev.mesh.core.authkey;
