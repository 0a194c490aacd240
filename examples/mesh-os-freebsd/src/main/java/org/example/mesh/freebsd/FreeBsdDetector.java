package org.example.mesh.freebsd;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.SpiVersion;
import java.util.Optional;

/**
 * Recognises FreeBSD by {@code uname -s} = {@code FreeBSD} (the kernel's name, uname(1)); the version is
 * {@code freebsd-version}'s (the installed userland, e.g. {@code 14.1-RELEASE-p5}: what pkg's ABI follows),
 * the architecture {@code uname -m}'s ({@code amd64}, {@code arm64}).
 */
public final class FreeBsdDetector implements OsDetector {
    static final String UNAME = "uname -s";
    static final String VERSION = "freebsd-version";
    static final String MACHINE = "uname -m";

    @Override
    public String id() {
        return "freebsd";
    }

    /** After Linux (100) and macOS (110), which also ask {@code uname -s}; before Windows (200). */
    @Override
    public int order() {
        return 120;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<DetectedOs> detect(DetectionProbe probe) {
        CommandResult uname = probe.run(UNAME);
        if (!uname.succeeded() || !"FreeBSD".equals(uname.out())) {
            return Optional.empty();
        }
        return Optional.of(DetectedOs.builder("freebsd").distribution("freebsd").version(value(probe.run(VERSION)))
                .architecture(value(probe.run(MACHINE))).packageManager("pkg").build());
    }

    private static String value(CommandResult result) {
        return result.succeeded() ? result.out() : "";
    }
}
