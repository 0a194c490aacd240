package dev.mesh.os.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.CommandResult;
import dev.mesh.api.DetectedOs;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MacDetectorTest {
    private final FakeMacHost host = new FakeMacHost();

    @Test
    void darwinWithHomebrew() {
        DetectedOs os = new MacDetector().detect(c -> host.run(c, Duration.ofSeconds(15))).orElseThrow();
        assertEquals(new DetectedOs("macos", "macos", "14.5", "arm64", "brew", false), os);
    }

    @Test
    void darwinWithoutHomebrewHasNoPackageManager() {
        host.brewInstalled = false;
        DetectedOs os = new MacDetector().detect(c -> host.run(c, Duration.ofSeconds(15))).orElseThrow();
        assertEquals("", os.packageManager());
    }

    @Test
    void homebrewLookupCoversBothPrefixesForAPathlessSshSession() {
        assertEquals("if command -v brew; then exit 0; fi; for b in /opt/homebrew/bin/brew /usr/local/bin/brew;"
                + " do if [ -x \"$b\" ]; then echo \"$b\"; exit 0; fi; done; exit 1", Homebrew.LOCATE);
    }

    @Test
    void otherKernelsAreNotMacOs() {
        assertEquals(Optional.empty(), new MacDetector().detect(c -> new CommandResult(0, "Linux\n", "", false)));
        assertEquals(Optional.empty(), new MacDetector().detect(c -> new CommandResult(1, "", "'uname' is not recognized", false)));
        assertEquals(110, new MacDetector().order());
    }
}
