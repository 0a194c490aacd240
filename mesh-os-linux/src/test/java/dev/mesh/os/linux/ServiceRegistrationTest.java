package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.SpiVersion;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    void bothServicesAreFoundByServiceLoader() {
        List<OsDetector> detectors = ServiceLoader.load(OsDetector.class).stream().map(ServiceLoader.Provider::get)
                .filter(d -> d instanceof LinuxDetector).toList();
        List<OsProvisioner> provisioners = ServiceLoader.load(OsProvisioner.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof LinuxProvisioner).toList();
        assertEquals(1, detectors.size());
        assertEquals(1, provisioners.size());
        OsProvisioner linux = provisioners.get(0);
        assertEquals("linux", linux.id());
        assertEquals("linux", linux.family());
        assertEquals(SpiVersion.CURRENT, linux.spiVersion());
    }
}
