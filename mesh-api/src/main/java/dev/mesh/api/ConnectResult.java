package dev.mesh.api;

import java.util.Objects;

/** How {@link OsProvisioner#connect} ended when it did not fail outright. Create one with the factories. */
public final class ConnectResult {
    private final boolean manualStepNeeded;
    private final String text;

    private ConnectResult(boolean manualStepNeeded, String text) {
        this.manualStepNeeded = manualStepNeeded;
        this.text = Objects.requireNonNull(text, "text");
    }

    /** {@code tailscale up} succeeded; {@code detail} says how (for the record, not a secret). */
    public static ConnectResult connected(String detail) {
        return new ConnectResult(false, detail);
    }

    /**
     * Automation could not finish; the operator must run something on the host. Provisioning ends
     * in MANUAL_NEEDED (exit code 3).
     *
     * @param instructions exactly what to run, and where
     */
    public static ConnectResult manualStepNeeded(String instructions) {
        return new ConnectResult(true, instructions);
    }

    /** Whether the operator has to finish by hand ({@link #text()} says how). */
    public boolean manualStepNeeded() {
        return manualStepNeeded;
    }

    /** How it connected, or the instructions for the manual step. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectResult r && r.manualStepNeeded == manualStepNeeded && r.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(manualStepNeeded, text);
    }

    @Override
    public String toString() {
        return (manualStepNeeded ? "ManualStepNeeded[" : "Connected[") + text + "]";
    }
}
