package dev.mesh.core.provision;

import dev.mesh.api.FailureReason;
import dev.mesh.core.authkey.AuthKeyException;

/** Picks the error row for a failure the sequence sees, by its kind rather than its message. */
final class Failures {
    private Failures() {
    }

    /** A Headscale server that cannot be reached is its own row; any other Headscale failure is {@code otherwise}. */
    static FailureReason headscale(AuthKeyException e, FailureReason otherwise) {
        return e.unreachable() ? FailureReason.HEADSCALE_UNREACHABLE : otherwise;
    }
}
