package org.example.mesh.freebsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.api.CommandResult;
import dev.mesh.api.RemoteConnection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreeBsdDetectorTest {
    @Test
    void freeBsdWithItsUserlandVersion() {
        RemoteConnection bsd = SimulatedFreeBsdHost.inProcess().connection();
        assertEquals(Optional.of(TestContext.FREEBSD), new FreeBsdDetector().detect(c -> bsd.run(c, Duration.ofSeconds(15))));
    }

    @Test
    void otherKernelsAreNotFreeBsd() {
        assertEquals(Optional.empty(), new FreeBsdDetector().detect(c -> CommandResult.of(0, "Linux\n", "")));
        assertEquals(Optional.empty(), new FreeBsdDetector().detect(c -> CommandResult.of(0, "Darwin\n", "")));
        assertEquals(Optional.empty(), new FreeBsdDetector().detect(c -> CommandResult.of(1, "", "'uname' is not recognized")));
    }
}
