package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.PluginConfigException;
import dev.mesh.testkit.HoconPluginConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinuxSettingsTest {

    @Test
    void referenceConfDefaults() {
        LinuxSettings s = TestContext.linuxSettings("");
        assertEquals(LinuxSettings.InstallMethod.SCRIPT, s.installMethod());
        assertEquals(URI.create("https://tailscale.com/install.sh"), s.scriptUrl());
        assertEquals("", s.track());
        assertEquals("", s.version());
        assertEquals(Optional.empty(), s.uploadFile());
        assertEquals(Duration.ofSeconds(120), s.aptLockTimeout());
    }

    @Test
    void theProvisionerValidatesThroughTheSameReaderAndHandsTheSettingsOn() {
        ClassLoader loader = getClass().getClassLoader();
        assertThrows(PluginConfigException.class, () -> new LinuxProvisioner().validate(
                HoconPluginConfig.of(loader, "linux", "mesh.plugins.linux.install.method = carrier-pigeon")));
        assertEquals(TestContext.linuxSettings(""), new LinuxProvisioner().validate(HoconPluginConfig.of(loader, "linux", "")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "install.method = ftp | mesh.plugins.linux.install.method",
            "install.script-url = \"file:///etc/passwd\" | mesh.plugins.linux.install.script-url",
            "install.track = nightly | mesh.plugins.linux.install.track",
            "install.version = \"latest; rm -rf /\" | mesh.plugins.linux.install.version",
            "install.method = upload | mesh.plugins.linux.install.upload-file",
            "install.upload-file = /tmp/tailscale.tar.gz | mesh.plugins.linux.install.upload-file",
            "apt-lock-timeout = 0s | mesh.plugins.linux.apt-lock-timeout"})
    void badValuesNameTheirKey(String hocon, String key) {
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> TestContext.linuxSettings(hocon));
        assertTrue(e.getMessage().startsWith(key + " "), e.getMessage());
    }

    @Test
    void wrongTypeIsAConfigError() {
        assertThrows(PluginConfigException.class,
                () -> TestContext.linuxSettings("apt-lock-timeout = soon"));
    }

    @Test
    void uploadNeedsAnExistingFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("tailscale_1.80.2_amd64.deb");
        String hocon = "install { method = upload, upload-file = \"" + missing + "\" }";
        PluginConfigException e = assertThrows(PluginConfigException.class,
                () -> TestContext.linuxSettings(hocon));
        assertTrue(e.getMessage().contains("not a readable file"), e.getMessage());
        Files.writeString(missing, "deb");
        LinuxSettings s = TestContext.linuxSettings(hocon);
        assertEquals(Optional.of(missing), s.uploadFile());
        assertEquals(LinuxSettings.InstallMethod.UPLOAD, s.installMethod());
    }

    @Test
    void pinning() {
        LinuxSettings s = TestContext.linuxSettings("install { track = unstable, version = \"1.81.0\" }");
        assertEquals("unstable", s.track());
        assertEquals("1.81.0", s.version());
    }
}
