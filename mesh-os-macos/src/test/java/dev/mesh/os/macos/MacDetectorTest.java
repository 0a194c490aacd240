package dev.mesh.os.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import dev.mesh.api.RemoteConnection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacDetectorTest {
    @Test
    void darwinWithHomebrew() {
        RemoteConnection mac = SimulatedMacHost.inProcess().withHomebrew().connection();
        DetectedOs os = new MacDetector().detect(c -> mac.run(c, Duration.ofSeconds(15))).orElseThrow();
        assertEquals(TestContext.MAC, os);
    }

    @Test
    void darwinWithoutHomebrewHasNoPackageManager() {
        RemoteConnection mac = SimulatedMacHost.inProcess().connection();
        DetectedOs os = new MacDetector().detect(c -> mac.run(c, Duration.ofSeconds(15))).orElseThrow();
        assertEquals("", os.packageManager());
    }

    @Test
    void homebrewLookupCoversBothPrefixesForAPathlessSshSession() {
        assertEquals("if command -v brew; then exit 0; fi; for b in /opt/homebrew/bin/brew /usr/local/bin/brew;"
                + " do if [ -x \"$b\" ]; then echo \"$b\"; exit 0; fi; done; exit 1", Homebrew.LOCATE);
    }

    @Test
    void otherKernelsAreNotMacOs() {
        assertEquals(Optional.empty(), new MacDetector().detect(c -> CommandResult.of(0, "Linux\n", "")));
        assertEquals(Optional.empty(), new MacDetector().detect(c -> CommandResult.of(1, "", "'uname' is not recognized")));
        assertEquals(110, new MacDetector().order());
    }
}
