package dev.mesh.api;

/** How {@link OsProvisioner#connect} ended when it did not fail outright. */
public sealed interface ConnectResult {

    /** {@code tailscale up} succeeded. */
    record Connected(String detail) implements ConnectResult {
    }

    /**
     * Automation could not finish; the operator must run something on the host. Provisioning ends
     * in MANUAL_NEEDED (exit code 3).
     *
     * @param instructions exactly what to run, and where
     */
    record ManualStepNeeded(String instructions) implements ConnectResult {
    }
}
