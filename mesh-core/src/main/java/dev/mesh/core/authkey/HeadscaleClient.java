package dev.mesh.core.authkey;

/**
 * Everything mesh asks Headscale: pre-auth keys and the node list. Implemented by the CLI (local or
 * over SSH, {@link HeadscaleCliKeySource}) and the REST API ({@link HeadscaleRestClient}).
 */
public interface HeadscaleClient extends AuthKeySource, HeadscaleNodes {
}
