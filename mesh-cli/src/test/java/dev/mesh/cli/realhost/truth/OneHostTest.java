package dev.mesh.cli.realhost.truth;

import dev.mesh.cli.realhost.LinuxHost;
import dev.mesh.cli.realhost.MeshCli;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of a class whose scenarios share one real host, in order: the container and the mesh
 * command line that provisions it (its own config, known_hosts and Headscale double), started by
 * the class's {@code @BeforeAll} through {@link #use}, closed after its last scenario. Classes run
 * one after the other, so the static fields are one class's at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OneHostTest {
    @TempDir
    static Path dir;
    static LinuxHost host;
    static MeshCli mesh;

    /** Makes {@code container} this class's host, with a command line that trusts its keys. */
    static void use(LinuxHost container) {
        host = container;
        mesh = new MeshCli(dir).trust(container);
    }

    @AfterAll
    static void closeHost() {
        if (host != null) {
            host.close();
            host = null;
            mesh = null;
        }
    }
}
