package dev.mesh.core.provision;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.OsDetector;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.FailureReason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The OS_DETECTING state: asks each detector in order; the first answer wins. */
public final class OsDetection {
    private final List<OsDetector> detectors;
    private final Duration timeout;

    public OsDetection(List<OsDetector> detectors, Duration timeout) {
        this.detectors = detectors;
        this.timeout = timeout;
    }

    /** @throws StepFailedException OS_NOT_DETECTED, listing what the probes answered */
    public DetectedOs detect(RemoteConnection connection) {
        CachingProbe probe = new CachingProbe(connection, timeout);
        for (OsDetector detector : detectors) {
            Optional<DetectedOs> os;
            try {
                os = detector.detect(probe);
            } catch (RuntimeException e) {
                if (e instanceof dev.mesh.api.TransportException t) {
                    throw t;
                }
                throw new StepFailedException(FailureReason.OS_NOT_DETECTED,
                        "detector '" + detector.id() + "' failed: " + e.getMessage());
            }
            if (os.isPresent()) {
                return os.get();
            }
        }
        String tried = detectors.isEmpty() ? "no OS detector is installed" : "the host answered:\n" + probe.transcript();
        throw new StepFailedException(FailureReason.OS_NOT_DETECTED, tried);
    }
}
