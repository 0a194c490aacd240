package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-auth key of one run: minted in KEY_GENERATING with {@link AuthKeySource#mint} and given back
 * with {@link AuthKeySource#release} as soon as CONNECTING is over, and in any case when the run ends
 * (success, failure, Ctrl-C), so no key mesh mints outlives its run. A key Headscale will not expire
 * is reported by {@link MintedKey#describe()} (its id, never its value), as a warning and in the report.
 */
final class RunKey {
    private final AuthKeySource keys;
    private MintedKey minted;
    private boolean released;
    private final List<String> leftValid = new ArrayList<>();

    RunKey(AuthKeySource keys) {
        this.keys = keys;
    }

    /** @throws StepFailedException AUTH_KEY_FAILED, or HEADSCALE_UNREACHABLE */
    MintedKey mint(KeyPolicy policy) {
        try {
            minted = keys.mint(policy);
            return minted;
        } catch (AuthKeyException e) {
            throw new StepFailedException(Failures.headscale(e, FailureReason.AUTH_KEY_FAILED), e.getMessage());
        }
    }

    Optional<MintedKey> minted() {
        return Optional.ofNullable(minted);
    }

    /** Expires the key once (later calls do nothing). Never throws: a failure is a warning and a report entry. */
    void release(StepListener listener) {
        if (minted == null || released) {
            return;
        }
        released = true;
        try {
            keys.release(minted);
        } catch (AuthKeyException | RuntimeException e) {
            leftValid.add(minted.describe());
            listener.warn("Could not expire " + minted.describe() + " (" + e.getMessage()
                    + "): it stays valid until it expires on its own; expire it on the Headscale server by hand");
        }
    }

    /** The keys that are still valid after {@link #release}. */
    List<String> leftValid() {
        return List.copyOf(leftValid);
    }
}
