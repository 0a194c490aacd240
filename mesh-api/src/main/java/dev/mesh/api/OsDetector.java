package dev.mesh.api;

import java.util.Optional;

/**
 * Recognises one OS family on a host reached over SSH. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.mesh.api.OsDetector}.
 *
 * <p>mesh-core asks detectors in ascending {@link #order()} and takes the first answer. The
 * built-in detectors use 100 (Linux, {@code uname -s}), 110 (macOS, {@code uname -s}) and 200
 * (Windows, {@code uname -s}, then {@code echo %OS%}, then PowerShell). Anything a detector throws
 * ends detection with OS_NOT_DETECTED naming the detector and its jar.
 */
public interface OsDetector {

    /** A unique, stable id, e.g. {@code linux}. Two detectors with one id are a startup error. */
    String id();

    /** Where this detector runs in the sequence; lower runs first. */
    int order();

    /** Return {@link SpiVersion#CURRENT}: the value is compiled into the plugin. */
    int spiVersion();

    /**
     * Looks at the host through {@code probe}.
     *
     * @return the detected OS ({@link DetectedOs#builder}), or empty when this is not the detector's family
     */
    Optional<DetectedOs> detect(DetectionProbe probe);
}
