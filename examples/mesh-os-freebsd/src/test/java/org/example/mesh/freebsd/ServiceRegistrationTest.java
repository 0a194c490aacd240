package org.example.mesh.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.OsDetector;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfigException;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.testkit.HoconPluginConfig;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    void bothSpisAreRegisteredAndSyncthingIsACapability() {
        assertTrue(ServiceLoader.load(OsDetector.class).stream()
                .anyMatch(p -> p.type() == FreeBsdDetector.class && p.get().spiVersion() == SpiVersion.CURRENT));
        OsProvisioner provisioner = ServiceLoader.load(OsProvisioner.class).stream()
                .filter(p -> p.type() == FreeBsdProvisioner.class).findFirst().orElseThrow().get();
        assertEquals("freebsd", provisioner.family());
        assertTrue(provisioner.capability(SyncthingSupport.class).isPresent());
    }

    @Test
    void settingsAreReadFromTheJarsReferenceConfAndChecked() {
        FreeBsdProvisioner plugin = new FreeBsdProvisioner();
        ClassLoader loader = plugin.getClass().getClassLoader();
        assertEquals(List.of("sudo", "doas"), plugin.validate(HoconPluginConfig.of(loader, "freebsd", "")).root());
        assertEquals(List.of("doas"), plugin.validate(HoconPluginConfig.of(loader, "freebsd", "mesh.plugins.freebsd.root = [doas]")).root());
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> plugin.validate(HoconPluginConfig.of(loader, "freebsd", "mesh.plugins.freebsd.root = [su]")));
        assertTrue(e.getMessage().contains("mesh.plugins.freebsd.root may list only sudo and doas"), e.getMessage());
    }
}
