package dev.mesh.core.authkey;

import java.util.List;

/** The nodes Headscale knows, from whichever source is configured. */
public interface HeadscaleNodes {

    /**
     * Every node on the server.
     *
     * @throws AuthKeyException saying what to fix (unreachable server, bad API key, CLI failure)
     */
    List<HeadscaleNode> list() throws AuthKeyException;

    /**
     * Deletes the node with Headscale id {@code id} ({@code mesh remote remove}): CLI {@code headscale nodes
     * delete --identifier ID --force}, REST {@code DELETE /api/v1/node/{id}} ({@code /api/v1/machine/{id}}
     * on 0.22). The machine must log in again (with a new key) to come back.
     *
     * @param id the node's id, digits
     * @throws AuthKeyException when Headscale did not delete it, or this source cannot delete nodes
     */
    default void delete(String id) throws AuthKeyException {
        throw new AuthKeyException(AuthKeyException.Kind.CLI_FAILED, "this Headscale source cannot delete nodes");
    }
}
