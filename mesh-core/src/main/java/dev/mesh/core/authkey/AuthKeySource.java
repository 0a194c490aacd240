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
     * The run that minted {@code key} with {@link #mint} is done with it: by default it is expired.
     * A source shared by many hosts may keep it for the others (see {@code core.fleet.SharedKeys}).
     *
     * @throws AuthKeyException as {@link #expire}
     */
    default void release(MintedKey key) throws AuthKeyException {
        expire(key);
    }
}
