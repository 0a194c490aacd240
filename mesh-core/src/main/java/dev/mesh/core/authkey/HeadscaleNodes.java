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
}
