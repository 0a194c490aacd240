package com.example.oldplugin;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.DetectionProbe;
import dev.mesh.api.OsDetector;
import dev.mesh.api.SpiVersion;
import java.util.Optional;

/** A detector written for plugin SPI 1, in the style of mesh 0.1's own. */
public final class OldOsDetector implements OsDetector {
    @Override
    public String id() {
        return "oldos";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Optional<DetectedOs> detect(DetectionProbe probe) {
        CommandResult uname = probe.run("uname -s");
        if (!uname.succeeded() || !"OldOS".equals(uname.out())) {
            return Optional.empty();
        }
        return Optional.of(new DetectedOs("oldos", "oldos", "1", "x86_64", "pkg", false));
    }
}
