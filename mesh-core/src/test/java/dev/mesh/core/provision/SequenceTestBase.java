package dev.mesh.core.provision;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test of the state machine: a fresh {@link SequenceFixture} (simulated host, SSH client) per test. */
abstract class SequenceTestBase {
    @TempDir
    Path dir;
    SequenceFixture f;

    @BeforeEach
    void startFixture() {
        f = new SequenceFixture(dir);
    }

    @AfterEach
    void closeFixture() {
        f.close();
    }
}
