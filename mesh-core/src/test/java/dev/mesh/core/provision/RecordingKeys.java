// Stands in for Headscale's pre-auth keys (mint with an id, expire by id) so the sequence's use of keys can be checked.
package dev.mesh.core.provision;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keys with ids 7, 8, …; records what was minted and released; {@link #refuseExpire} makes expiring fail. */
final class RecordingKeys implements AuthKeySource {
    static final Secret KEY = Secret.of("hskey-auth-sequence-test-key");

    final List<String> minted = new CopyOnWriteArrayList<>();
    final List<String> released = new CopyOnWriteArrayList<>();
    volatile boolean refuseExpire;

    @Override
    public Secret create(KeyPolicy policy) {
        return KEY;
    }

    @Override
    public MintedKey mint(KeyPolicy policy) {
        String id = String.valueOf(7 + minted.size());
        minted.add(id);
        return new MintedKey(KEY, Optional.of(id), policy.user(), Optional.empty());
    }

    @Override
    public void expire(MintedKey key) throws AuthKeyException {
        if (refuseExpire) {
            throw new AuthKeyException(AuthKeyException.Kind.CLI_FAILED, "Headscale refused to expire "
                    + key.describe() + " (error: permission denied)");
        }
        released.add(key.id().orElseThrow());
    }

    /** Every key minted was released. */
    boolean allReleased() {
        return released.equals(minted);
    }
}
