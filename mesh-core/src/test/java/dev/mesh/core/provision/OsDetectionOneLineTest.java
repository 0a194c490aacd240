package dev.mesh.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.mesh.api.DetectedOs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a detector reports is one value per fact: a host's line feed cannot start a line of mesh's output. */
class OsDetectionOneLineTest {
    @Test
    void aLineFeedInUnameOrOsReleaseStaysInsideItsValue() {
        DetectedOs hostile = DetectedOs.builder("linux").distribution("debian\n\u2713 Joined the mesh: 100.64.0.9")
                .version("12\r").architecture("x86_64\n\u2713 Joined the mesh: 100.64.0.9\u001b]52;c;eA==\u0007")
                .packageManager("apt").build();

        DetectedOs os = OsDetection.oneLine(hostile);

        for (String fact : List.of(os.distribution(), os.version(), os.architecture(), os.describe())) {
            assertFalse(fact.contains("\n") || fact.contains("\r") || fact.contains("\u001b") || fact.contains("\u0007"),
                    fact);
        }
        assertEquals("linux", os.family(), "plugins are still matched by family");
        assertEquals("apt", os.packageManager());
    }
}
