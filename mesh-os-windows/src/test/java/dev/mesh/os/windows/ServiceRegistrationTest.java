package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.SpiVersion;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    void bothSpisAreRegistered() {
        assertTrue(ServiceLoader.load(OsDetector.class).stream()
                .anyMatch(p -> p.type() == WindowsDetector.class && p.get().spiVersion() == SpiVersion.CURRENT));
        assertTrue(ServiceLoader.load(OsProvisioner.class).stream()
                .anyMatch(p -> p.type() == WindowsProvisioner.class && "windows".equals(p.get().family())));
    }
}
