package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.PluginConfigException;
import dev.mesh.testkit.HoconPluginConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static WindowsSettings read(String overrides) {
        return WindowsSettings.from(HoconPluginConfig.of(SettingsTest.class.getClassLoader(), "windows", overrides));
    }

    @Test
    void referenceConfHasTheDocumentedDefaults() {
        assertEquals(new WindowsSettings(3, "C:\\ProgramData\\mesh", Duration.ofHours(1), Duration.ofSeconds(3),
                Duration.ofSeconds(10), Duration.ofSeconds(3)), read(""));
    }

    @Test
    void aTrailingBackslashIsDropped() {
        assertEquals("D:\\mesh files", read("mesh.plugins.windows.script-dir = \"D:\\\\mesh files\\\\\"").scriptDir());
    }

    @Test
    void badValuesNameTheirKey() {
        assertMessage("mesh.plugins.windows.connect-attempts must be between 1 and 10, got 0",
                "mesh.plugins.windows.connect-attempts = 0");
        assertMessage("mesh.plugins.windows.script-dir must be an absolute local Windows path",
                "mesh.plugins.windows.script-dir = \"/tmp/mesh\"");
        assertMessage("mesh.plugins.windows.script-dir must be an absolute", "mesh.plugins.windows.script-dir = \"C:\\\\%TEMP%\"");
        assertMessage("mesh.plugins.windows.manual-key-expiration must be between", "mesh.plugins.windows.manual-key-expiration = 7d");
        assertMessage("connect-attempts", "mesh.plugins.windows.connect-attempts = many");
    }

    @Test
    void validateReadsEverything() {
        WindowsProvisioner provisioner = new WindowsProvisioner();
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> provisioner.validate(
                HoconPluginConfig.of(getClass().getClassLoader(), "windows", "mesh.plugins.windows.service-restart-wait = 5m")));
        assertTrue(e.getMessage().startsWith("mesh.plugins.windows.service-restart-wait"), e.getMessage());
    }

    private static void assertMessage(String expected, String overrides) {
        PluginConfigException e = assertThrows(PluginConfigException.class, () -> read(overrides));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
