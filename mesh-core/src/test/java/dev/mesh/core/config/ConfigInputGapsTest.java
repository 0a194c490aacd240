package dev.mesh.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 §8: input that is refused at start, before any connection, with a clear message. */
class ConfigInputGapsTest {
    final Path dir;
    final ConfigTestSupport config;

    ConfigInputGapsTest(@TempDir Path dir) {
        this.dir = dir;
        this.config = new ConfigTestSupport(dir);
    }

    @Test
    void urlPortsOutsideOneTo65535AreRefused() {
        for (String bad : List.of("https://hs.example.com:0", "https://hs.example.com:65536",
                "http://10.0.0.5:99999")) {
            assertEquals("MESH_SERVER_URL=" + bad + ": the port must be between 1 and 65535",
                    config.envError(Map.of("MESH_SERVER_URL", bad)));
        }
        assertEquals("MESH_HEADSCALE_URL=https://hs:0: the port must be between 1 and 65535",
                config.envError(Map.of("MESH_HEADSCALE_URL", "https://hs:0")));
        assertEquals(65535, config.env(Map.of("MESH_SERVER_URL", "https://hs:65535")).serverUrl().orElseThrow().getPort());
    }

    @Test
    void urlsWithCredentialsAreRefusedWithoutEchoingThePassword() throws IOException {
        for (String bad : List.of("https://admin:hunter2@hs.example.com", "https://admin:hun ter2@hs.example.com/x",
                "http://hunter2@hs.example.com:8080")) {
            String message = config.envError(Map.of("MESH_SERVER_URL", bad));
            assertEquals("MESH_SERVER_URL=…: a URL must not carry a user name or password (user:password@); "
                    + "the Headscale URL is public", message);
        }
        String fromFile = config.userError("mesh.server-url = \"https://admin:hunter2@hs.example.com\"\n");
        assertTrue(fromFile.endsWith(": 1: mesh.server-url: a URL must not carry a user name or password "
                + "(user:password@); the Headscale URL is public"), fromFile);
        assertFalse(fromFile.contains("hunter2"), fromFile);
        Path empty = config.write("empty.conf", "");
        String fromFlag = assertThrows(MeshConfigException.class, () -> config.load(empty, Optional.empty(),
                Map.of(), Map.of("mesh.server-url", "https://a:hunter2@hs"))).getMessage();
        assertFalse(fromFlag.contains("hunter2"), fromFlag);
    }

    @Test
    void sshUserMustBeAUserNameByOpenSshsRule() {
        for (String bad : List.of("-oProxyCommand=x", "a;b", "a b|c", "x\ny", "back\\", "a -b", "$(id)`")) {
            String message = config.envError(Map.of("MESH_SSH_USER", bad));
            assertTrue(message.startsWith("MESH_SSH_USER=" + bad + ": not a user name"), message);
        }
        for (String good : List.of("deploy", "DOMAIN\\admin", "user@ad.example.com", "first last", "svc$")) {
            assertEquals(Optional.of(good), config.env(Map.of("MESH_SSH_USER", good)).ssh().user());
        }
    }

    @Test
    void keyLifetimesBeyondHeadscalesGoDurationAreRefusedNotClamped() {
        // 106751d 23:47:16 is the last whole second a Go time.Duration holds (2^63-1 ns)
        assertEquals(Duration.ofSeconds(9_223_372_036L),
                config.env(Map.of("MESH_KEY_EXPIRATION", "9223372036s")).headscale().key().expiration());
        for (String tooLong : List.of("106752d", "200000d", "9223372037s")) {
            assertEquals("MESH_KEY_EXPIRATION=" + tooLong + ": longer than Headscale accepts (its --expiration is a Go "
                    + "duration: at most 2562047h47m16s, about 292 years)",
                    config.envError(Map.of("MESH_KEY_EXPIRATION", tooLong)));
        }
    }

    @Test
    @Timeout(10)
    void includeUrlIsRefusedBeforeAnyRequestIsMade() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "mesh.ssh.port = 2222\n".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/mesh.conf";
            for (String include : List.of("include url(\"" + url + "\")", "include required(url(\"" + url + "\"))",
                    "include \"" + url + "\"")) {
                String message = config.userError("mesh.ssh.port = 22\n" + include + "\n");
                assertTrue(message.contains("refused"), message);
                assertTrue(message.startsWith(dir.resolve("mesh.conf").toString()), message);
            }
            assertEquals(0, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void includeClasspathIsRefusedAndLocalIncludesWork() throws IOException {
        assertTrue(config.userError("include classpath(\"reference.conf\")\n")
                .contains("include classpath(reference.conf) refused"));
        // a relative include that names no file is not looked up on the class path
        assertTrue(config.userError("include required(\"reference.conf\")\n").contains("no such file"));
        assertEquals(22, config.user("include \"reference.conf\"\n").ssh().port());
        config.write("ssh.conf", "mesh.ssh.port = 2222\n");
        config.write("more.conf", "mesh.ssh.user = deploy\n");
        MeshSettings s = config.user("include \"ssh.conf\"\ninclude \"more\"\ninclude file(\""
                + dir.resolve("ssh.conf") + "\")\n");
        assertEquals(2222, s.ssh().port());
        assertEquals(Optional.of("deploy"), s.ssh().user());
    }

    @Test
    @Timeout(10)
    void aConfigFileThatIsNotARegularReadableFileIsRefused() throws IOException {
        Path user = dir.resolve("absent.conf");
        assertEquals("/dev/zero: configuration file (given with --config) is not a regular file",
                assertThrows(MeshConfigException.class, () -> config.load(user, Optional.of(Path.of("/dev/zero")),
                        Map.of(), Map.of())).getMessage());
        assertEquals(dir + ": configuration file (given with --config) is a directory, not a file",
                assertThrows(MeshConfigException.class, () -> config.load(user, Optional.of(dir), Map.of(),
                        Map.of())).getMessage());
        Path locked = config.write("locked.conf", "");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(locked)) { // root reads anything
            assertEquals(locked + ": configuration file (given with --config) cannot be read (permission denied)",
                    assertThrows(MeshConfigException.class, () -> config.load(user, Optional.of(locked), Map.of(),
                            Map.of())).getMessage());
        }
        assertEquals("/dev/zero: configuration file is not a regular file", assertThrows(MeshConfigException.class,
                () -> config.load(Path.of("/dev/zero"), Optional.empty(), Map.of(), Map.of())).getMessage());
    }
}
