package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.SharedShell;
import dev.mesh.api.SpiVersion;
import java.util.Optional;

/**
 * Recognises Linux: {@code uname -s} prints {@code Linux}. That first command is asked alone
 * because the macOS detector asks the same one and the probe caches it; the rest of the facts
 * come from one combined command ({@link LinuxFacts#COMMAND}).
 */
public final class LinuxDetector implements OsDetector {

    /** The family this plugin detects and provisions. */
    static final String FAMILY = "linux";

    @Override
    public String id() {
        return "linux";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** Linux answers in a POSIX shell: the SSH test and detection run in one ({@link SharedShell#posix()}). */
    @Override
    public Optional<SharedShell> sharedShell() {
        return Optional.of(SharedShell.posix());
    }

    @Override
    public Optional<DetectedOs> detect(DetectionProbe probe) {
        CommandResult kernel = probe.run("uname -s");
        if (!kernel.succeeded() || !"Linux".equals(kernel.out())) {
            return Optional.empty();
        }
        CommandResult facts = probe.run(LinuxFacts.COMMAND);
        return Optional.of(LinuxFacts.parse(facts.stdout()).toDetectedOs());
    }
}
