package dev.mesh.core.fleet;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pre-auth keys for the hosts of one run, per the key policy (contracts.md item 3): a reusable
 * policy ({@code mesh.headscale.key.reusable = true}) gets ONE key for the whole run, minted when the
 * first host needs it and expired once, after the run is {@link #drain drained} and its last holder
 * released it; a single-use policy gets a key per host, expired when that host releases it. Keys
 * minted for the operator ({@link #create}, e.g. Windows' manual script) pass through and are never
 * released. Thread-safe; minting is serialized (one Headscale call at a time).
 */
public final class SharedKeys implements AuthKeySource {
    private final AuthKeySource source;
    private final Map<KeyPolicy, Held> held = new LinkedHashMap<>();
    private boolean draining;
    private java.util.Optional<String> version;

    /** A reusable key and how many running hosts hold it. */
    private static final class Held {
        final MintedKey key;
        int holders;

        Held(MintedKey key) {
            this.key = key;
        }
    }

    public SharedKeys(AuthKeySource source) {
        this.source = source;
    }

    /**
     * The server's version, asked once for the whole run (every host's PREFLIGHT checks its client
     * against it); a failed lookup is asked again by the next host.
     */
    @Override
    public synchronized java.util.Optional<String> serverVersion() throws AuthKeyException {
        if (version == null) {
            version = source.serverVersion();
        }
        return version;
    }

    @Override
    public Secret create(KeyPolicy policy) throws AuthKeyException {
        return source.create(policy);
    }

    @Override
    public MintedKey mint(KeyPolicy policy) throws AuthKeyException {
        if (!policy.reusable()) {
            return source.mint(policy);
        }
        synchronized (this) {
            Held h = held.get(policy);
            if (h == null) {
                h = new Held(source.mint(policy));
                held.put(policy, h);
            }
            h.holders++;
            return h.key;
        }
    }

    @Override
    public void expire(MintedKey key) throws AuthKeyException {
        source.expire(key);
    }

    /** A host is done with {@code key}: a single-use key expires now, the run's key once drained and unheld. */
    @Override
    public void release(MintedKey key) throws AuthKeyException {
        synchronized (this) {
            Held h = held.values().stream().filter(x -> x.key == key).findFirst().orElse(null);
            if (h != null) {
                h.holders--;
                if (h.holders > 0 || !draining) {
                    return;
                }
                held.values().remove(h);
            }
        }
        source.release(key);
    }

    /**
     * No host will start any more: the run's keys nobody holds are expired now, the others when
     * their last holder releases them.
     *
     * @throws AuthKeyException when Headscale did not expire one (named by {@link MintedKey#describe()})
     */
    public void drain() throws AuthKeyException {
        List<MintedKey> unheld = new ArrayList<>();
        synchronized (this) {
            draining = true;
            held.values().removeIf(h -> h.holders == 0 && unheld.add(h.key));
        }
        AuthKeyException failure = null;
        for (MintedKey key : unheld) {
            try {
                source.release(key);
            } catch (AuthKeyException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
