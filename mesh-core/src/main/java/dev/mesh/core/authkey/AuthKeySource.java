package dev.mesh.core.authkey;

import dev.mesh.api.Secret;

/**
 * Creates Headscale pre-auth keys and expires them again: the CLI (local or over SSH,
 * {@link HeadscaleCliKeySource}) or the REST API ({@link HeadscaleRestClient}).
 */
public interface AuthKeySource {

    /**
     * Creates a new pre-auth key.
     *
     * @throws AuthKeyException with a message that says what to fix; it never contains a key
     */
    Secret create(KeyPolicy policy) throws AuthKeyException;

    /**
     * Creates a new pre-auth key and keeps what {@link #expire} needs (its id, its owner). Sources that
     * cannot tell the id return a key without one.
     *
     * @throws AuthKeyException as {@link #create}
     */
    default MintedKey mint(KeyPolicy policy) throws AuthKeyException {
        return new MintedKey(create(policy), java.util.Optional.empty(), policy.user(), java.util.Optional.empty());
    }

    /**
     * The Headscale server's version, e.g. {@code 0.26.1}, as this source learns it ({@code headscale
     * version}; REST {@code GET /version}, which 0.27 added), asked at most once per source; empty when
     * it cannot tell (REST on 0.23–0.26, a "dev" build).
     *
     * @throws AuthKeyException when Headscale cannot be asked
     */
    default java.util.Optional<String> serverVersion() throws AuthKeyException {
        return java.util.Optional.empty();
    }

    /**
     * Expires {@code key} now, so it cannot join another machine; nodes that joined with it stay joined.
     * Expiring a key twice is harmless.
     *
     * @throws AuthKeyException when Headscale did not expire it; the message names the key by
     *                          {@link MintedKey#describe()}, never by its value
     */
    default void expire(MintedKey key) throws AuthKeyException {
        throw new AuthKeyException(AuthKeyException.Kind.CLI_FAILED, "this key source cannot expire "
                + key.describe());
    }

    /**
     * Gives back a key a provisioning run minted with {@link #mint}, at the end of that run, whatever
     * ended it (success, failure, Ctrl-C): by default it is expired at once. A source shared by several
     * runs (one reusable key for a fleet run, {@code core.fleet.SharedKeys}) expires it when the last run
     * gave it back. Keys minted for a person ({@code mesh authkey create}, a manual join script's key) are never released.
     *
     * @throws AuthKeyException as {@link #expire}: the key is still valid; the message names it by
     *                          {@link MintedKey#describe()}, never by its value
     */
    default void release(MintedKey key) throws AuthKeyException {
        expire(key);
    }
}
