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

    /**
     * Since SPI 2.3: the shared shell ({@link SharedShell}) that hosts of this detector's family run
     * probes in, if they have one; by default none. mesh-core starts the one of the first detector (in
     * {@link #order()}) that names one as soon as it has connected, so that the SSH test and every
     * detector's commands run as probes in it instead of in an SSH session each (a session costs the
     * host about 16 ms of CPU on Debian 12; bench/fleet.sh). A host of another family cannot start it
     * (Windows' cmd.exe or PowerShell answer {@code exec /bin/sh} with an error and exit), and the
     * probes then run on channels of their own, as without it: one failed session is the cost. Once the
     * OS is known, the provisioner's {@link SharedShell} capability decides for the rest of the run.
     */
    default Optional<SharedShell> sharedShell() {
        return Optional.empty();
    }
}
