package dev.mesh.core.provision;

import dev.mesh.api.DetectedOs;
import dev.mesh.core.text.DisplayText;
import dev.mesh.api.FailureReason;
import dev.mesh.api.OsDetector;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TransportException;
import dev.mesh.core.plugin.PluginRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The OS_DETECTING state: asks each detector in order; the first answer wins. Anything a detector
 * throws (any {@link Throwable}) ends detection with OS_NOT_DETECTED naming the detector and its jar.
 */
public final class OsDetection {
    private final List<OsDetector> detectors;
    private final Duration timeout;
    private final Function<Object, String> describe;

    /** The detectors of {@code plugins}, named in failures by their jar. */
    public OsDetection(PluginRegistry plugins, Duration timeout) {
        this(plugins.detectors(), timeout, plugins::describe);
    }

    public OsDetection(List<OsDetector> detectors, Duration timeout) {
        this(detectors, timeout, d -> "detector " + d.getClass().getName());
    }

    private OsDetection(List<OsDetector> detectors, Duration timeout, Function<Object, String> describe) {
        this.detectors = detectors;
        this.timeout = timeout;
        this.describe = describe;
    }

    /**
     * Each fact is one value on one line, whatever the host answered: a line feed in {@code uname -m}
     * or os-release would otherwise start a line of mesh's own output ("✓ Joined the mesh …") wherever
     * the fact is shown. Control characters end up escaped ({@link DisplayText#inline}).
     */
    static DetectedOs oneLine(DetectedOs os) {
        return DetectedOs.builder(DisplayText.inline(os.family()))
                .distribution(DisplayText.inline(os.distribution()))
                .version(DisplayText.inline(os.version()))
                .architecture(DisplayText.inline(os.architecture()))
                .packageManager(DisplayText.inline(os.packageManager()))
                .wsl(os.wsl())
                .build();
    }

    /**
     * Makes {@code connection} run its probes in the shared shell of the first detector (in order) that
     * names one ({@link OsDetector#sharedShell()}), so that the SSH test and detection cost the host no
     * session each; nothing when none does. A detector whose {@code sharedShell()} or whose shell's
     * methods throw is passed over for this (a plugin's bug costs speed, never a host).
     */
    public void shareShell(HostConnection connection) {
        for (OsDetector detector : detectors) {
            Optional<dev.mesh.api.SharedShell> shell;
            try {
                shell = detector.sharedShell();
                if (shell != null && shell.isPresent()) { // its methods answer, or the shell is not used on any host
                    Objects.requireNonNull(shell.get().shellCommand());
                    Objects.requireNonNull(shell.get().frame("true", "M0"));
                }
            } catch (Throwable e) { // a detector's bug: the probes take channels of their own, or the next detector's shell
                continue;
            }
            if (shell != null && shell.isPresent()) {
                connection.shareShell(shell.get());
                return;
            }
        }
    }

    /** @throws StepFailedException OS_NOT_DETECTED, listing what the probes answered */
    public DetectedOs detect(RemoteConnection connection) {
        CachingProbe probe = new CachingProbe(connection, timeout);
        for (OsDetector detector : detectors) {
            Optional<DetectedOs> os;
            try {
                os = detector.detect(probe);
            } catch (TransportException e) {
                throw e;
            } catch (Throwable e) { // a detector's bug, or one built against another mesh-api
                throw new StepFailedException(FailureReason.OS_NOT_DETECTED, describe.apply(detector) + " failed: " + e);
            }
            if (os != null && os.isPresent()) { // a null is a detector's bug: read as "not mine"
                return oneLine(os.get());
            }
        }
        String tried = detectors.isEmpty() ? "no OS detector is installed" : "the host answered:\n" + probe.transcript();
        throw new StepFailedException(FailureReason.OS_NOT_DETECTED, tried);
    }
}
