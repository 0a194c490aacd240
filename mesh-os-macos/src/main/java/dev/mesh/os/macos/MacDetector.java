package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.SharedShell;
import dev.mesh.api.SpiVersion;
import java.util.Optional;

/** Recognises macOS by {@code uname -s} = {@code Darwin}; reads the version, architecture and Homebrew. */
public final class MacDetector implements OsDetector {
    static final String UNAME = "uname -s";
    static final String VERSION = "sw_vers -productVersion";
    static final String MACHINE = "uname -m";

    @Override
    public String id() {
        return "macos";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** macOS answers in a POSIX shell: the SSH test and detection run in one ({@link SharedShell#posix()}). */
    @Override
    public Optional<SharedShell> sharedShell() {
        return Optional.of(SharedShell.posix());
    }

    @Override
    public Optional<DetectedOs> detect(DetectionProbe probe) {
        CommandResult uname = probe.run(UNAME);
        if (!uname.succeeded() || !"Darwin".equals(uname.out())) {
            return Optional.empty();
        }
        boolean brew = Homebrew.parse(probe.run(Homebrew.LOCATE)).isPresent();
        return Optional.of(DetectedOs.builder("macos").distribution("macos").version(value(probe.run(VERSION)))
                .architecture(value(probe.run(MACHINE))).packageManager(brew ? "brew" : "").build());
    }

    private static String value(CommandResult result) {
        return result.succeeded() ? result.out() : "";
    }
}
