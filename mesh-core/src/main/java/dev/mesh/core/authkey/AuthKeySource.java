package dev.mesh.core.authkey;

import dev.mesh.api.Secret;

/** Creates Headscale pre-auth keys (through the local CLI today, the REST API later). */
public interface AuthKeySource {

    /**
     * Creates a new pre-auth key.
     *
     * @throws AuthKeyException with a message that says what to fix; it never contains a key
     */
    Secret create(KeyPolicy policy) throws AuthKeyException;
}
