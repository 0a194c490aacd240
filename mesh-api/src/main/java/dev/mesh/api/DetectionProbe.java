package dev.mesh.api;

/**
 * What an {@link OsDetector} may do: run commands on the host under the detection timeout. Results
 * are cached per command line, so several detectors asking for {@code uname -s} cost one round trip.
 * The commands only read: they run as probes ({@link RemoteConnection#probe}), in the shared shell of
 * {@link OsDetector#sharedShell()} when the host could start it.
 */
public interface DetectionProbe {

    /** Runs {@code command} (or returns the cached result of an earlier identical call). */
    CommandResult run(String command);
}
