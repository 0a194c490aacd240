package dev.mesh.api;

/**
 * What an {@link OsDetector} may do: run commands on the host under the detection timeout. Results
 * are cached per command line, so several detectors asking for {@code uname -s} cost one round trip.
 */
public interface DetectionProbe {

    /** Runs {@code command} (or returns the cached result of an earlier identical call). */
    CommandResult run(String command);
}
