package dev.mesh.cli;

import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SimulatedHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the tests that drive the real CLI against a simulated Debian host whose joins Headscale
 * then lists: one host and one isolated CLI environment per test.
 */
abstract class SimulatedDebianCliTest {
    static final String SERVER = "http://127.0.0.1:8080";

    @TempDir
    Path dir;
    SimulatedDebianHost<SimulatedHost> debian;
    CliHarness cli;

    @BeforeEach
    void startHostAndCli() throws Exception {
        debian = SimulatedDebianHost.overSsh(dir.resolve("host"));
        cli = new CliHarness(dir);
        cli.registerOnJoin(debian);
    }

    @AfterEach
    void stopHost() {
        debian.close();
    }

    /** {@code mesh remote provision HOST -p PORT -s SERVER -i KEY EXTRA…}; the exit code. */
    int provision(String host, int port, String... extra) {
        List<String> args = new ArrayList<>(List.of("remote", "provision", host, "-p", String.valueOf(port),
                "-s", SERVER, "-i", debian.host.clientKey().toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }
}
