package dev.mesh.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeshConfigLoaderTest {
    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @TempDir
    Path dir;

    private Path missingUserFile() {
        return dir.resolve("no-such-dir").resolve("mesh.conf");
    }

    private Path write(String name, String hocon) throws IOException {
        return Files.writeString(dir.resolve(name), hocon);
    }

    private MeshSettings load(Path userFile, Optional<Path> explicit, Map<String, String> env,
            Map<String, Object> flags) {
        return MeshConfigLoader.load(getClass().getClassLoader(), userFile, explicit, env, flags);
    }

    private MeshSettings loadEnv(Map<String, String> env) {
        return load(missingUserFile(), Optional.empty(), env, Map.of());
    }

    private MeshSettings loadUser(String hocon) throws IOException {
        return load(write("mesh.conf", hocon), Optional.empty(), Map.of(), Map.of());
    }

    @Test
    void withNothingButReferenceConfEveryDefaultIsRead() {
        MeshSettings s = loadEnv(Map.of());
        assertEquals(Optional.empty(), s.serverUrl());
        assertEquals(new HeadscaleSettings("mesh", "headscale", true, Duration.ofSeconds(30),
                new KeySettings(true, false, Duration.ofHours(24), List.of())), s.headscale());
        assertEquals(new SshConfigSettings(Optional.empty(), 22, Optional.empty(), HOME.resolve(".ssh/known_hosts"),
                Optional.of(HOME.resolve(".ssh/config")), Duration.ofSeconds(10), Duration.ZERO), s.ssh());
        assertEquals(new Timeouts(Duration.ofSeconds(120), Duration.ofSeconds(15), Duration.ofSeconds(180),
                Duration.ofSeconds(60), Duration.ofSeconds(30)), s.timeouts());
        assertEquals(List.of(), s.warnings());
        assertTrue(s.plugins().isEmpty());
    }

    @Test
    void eachLayerOverridesTheOneBelow() throws IOException {
        Path user = write("user.conf", "mesh.ssh.port = 2201\nmesh.headscale.user = from-user\n");
        Path explicit = write("explicit.conf", "mesh.ssh.port = 2202\nmesh.ssh.user = from-explicit\n");
        Map<String, String> env = Map.of("MESH_SSH_PORT", "2203", "MESH_HEADSCALE_TIMEOUT", "45s");
        Map<String, Object> flags = Map.of("mesh.ssh.port", 2204);

        MeshSettings all = load(user, Optional.of(explicit), env, flags);
        assertEquals(2204, all.ssh().port());
        assertEquals("from-user", all.headscale().user()); // set only in the user file
        assertEquals(Optional.of("from-explicit"), all.ssh().user()); // set only in --config
        assertEquals(Duration.ofSeconds(45), all.headscale().timeout()); // set only in the environment

        assertEquals(2203, load(user, Optional.of(explicit), env, Map.of()).ssh().port());
        assertEquals(2202, load(user, Optional.of(explicit), Map.of(), Map.of()).ssh().port());
        assertEquals(2201, load(user, Optional.empty(), Map.of(), Map.of()).ssh().port());
    }

    @Test
    void aMissingUserFileIsFineButAMissingConfigFileIsAnError() {
        Path missing = dir.resolve("given.conf");
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> load(missingUserFile(), Optional.of(missing), Map.of(), Map.of()));
        assertEquals(missing + ": configuration file (given with --config) does not exist", e.getMessage());
    }

    @Test
    void aWrongTypeInAFileNamesTheFileAndLine() throws IOException {
        Path file = write("mesh.conf", "mesh {\n  ssh {\n    port = \"abc\"\n  }\n}\n");
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> load(file, Optional.empty(), Map.of(), Map.of()));
        assertEquals(file + ": 3: mesh.ssh.port has type STRING rather than NUMBER", e.getMessage());
    }

    @Test
    void anOutOfRangeValueInAFileNamesTheFileLineAndValue() throws IOException {
        Path file = write("mesh.conf", "mesh.ssh.port = 70000\n");
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> load(file, Optional.empty(), Map.of(), Map.of()));
        assertEquals(file + ": 1: mesh.ssh.port = 70000: not a port number (1-65535)", e.getMessage());
    }

    @Test
    void aSyntaxErrorNamesTheFileAndLine() throws IOException {
        Path file = write("mesh.conf", "mesh {\n  ssh.port = [1,\n}\n");
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> load(file, Optional.empty(), Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith(file + ": 3: "), e.getMessage());
    }

    @Test
    void aBadEnvironmentValueNamesTheVariableAndValue() {
        assertEquals("MESH_SSH_PORT=abc: not a port number (1-65535)",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_SSH_PORT", "abc"))).getMessage());
        assertEquals("MESH_SSH_PORT=0: not a port number (1-65535)",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_SSH_PORT", "0"))).getMessage());
        assertEquals("MESH_HEADSCALE_SUDO=maybe: not a boolean (true or false)",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_HEADSCALE_SUDO", "maybe")))
                        .getMessage());
        assertEquals("MESH_KEY_EXPIRATION=soon: not a duration (e.g. 30s, 10m, 24h, 90d)",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_KEY_EXPIRATION", "soon")))
                        .getMessage());
    }

    @Test
    void environmentValuesAreConvertedToTheSettingsType() {
        MeshSettings s = loadEnv(Map.of("MESH_SSH_PORT", "2222", "MESH_HEADSCALE_SUDO", "false",
                "MESH_KEY_TAGS", "tag:server, tag:lab,", "MESH_SSH_CONFIG", "", "MESH_SSH_HEARTBEAT", "30s"));
        assertEquals(2222, s.ssh().port());
        assertFalse(s.headscale().sudo());
        assertEquals(List.of("tag:server", "tag:lab"), s.headscale().key().tags());
        assertEquals(Optional.empty(), s.ssh().configFile()); // "" disables ~/.ssh/config
        assertEquals(Duration.ofSeconds(30), s.ssh().heartbeat());
    }

    @Test
    void expirationAcceptsHeadscaleStyleDurations() {
        assertEquals(Duration.ofHours(24), loadEnv(Map.of("MESH_KEY_EXPIRATION", "24h")).headscale().key().expiration());
        assertEquals(Duration.ofDays(90), loadEnv(Map.of("MESH_KEY_EXPIRATION", "90d")).headscale().key().expiration());
        assertEquals(Duration.ofMinutes(30),
                loadEnv(Map.of("MESH_KEY_EXPIRATION", "30m")).headscale().key().expiration());
    }

    @Test
    void anApiKeyThatWouldCrossTheNetworkInClearIsWarnedAbout() {
        List<String> warned = loadEnv(Map.of("MESH_HEADSCALE_API_KEY", "x", "MESH_SERVER_URL", "http://hs.lan:8080"))
                .warnings();
        assertEquals(1, warned.size(), warned.toString());
        org.junit.jupiter.api.Assertions.assertTrue(warned.get(0).startsWith("the Headscale API key goes to hs.lan in clear"));
        assertEquals(List.of(), loadEnv(Map.of("MESH_HEADSCALE_API_KEY", "x", "MESH_SERVER_URL", "https://hs.lan"))
                .warnings());
        assertEquals(List.of(), loadEnv(Map.of("MESH_HEADSCALE_API_KEY", "x", "MESH_SERVER_URL", "http://127.0.0.1:8080"))
                .warnings());
        assertEquals(List.of(), loadEnv(Map.of("MESH_SERVER_URL", "http://hs.lan:8080")).warnings(), "no key, no warning");
    }

    @Test
    void durationsMustBePositiveAndHaveAUnit() throws IOException {
        assertEquals("MESH_TIMEOUT_COMMAND=0s: must be greater than zero",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_TIMEOUT_COMMAND", "0s")))
                        .getMessage());
        for (String env : List.of("MESH_SSH_CONNECT_TIMEOUT", "MESH_TIMEOUT_DETECT", "MESH_TIMEOUT_COMMAND")) {
            assertEquals(env + "=1ns: must be at least 1s (a timeout shorter than a second ends every command)",
                    assertThrows(MeshConfigException.class, () -> loadEnv(Map.of(env, "1ns"))).getMessage());
        }
        assertEquals("MESH_TIMEOUT_DETECT=30: needs a unit (e.g. 30s, 10m, 24h, 90d)",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_TIMEOUT_DETECT", "30")))
                        .getMessage());
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> loadUser("mesh.timeouts.install = 30\n"));
        assertTrue(e.getMessage().endsWith(": 1: mesh.timeouts.install = 30: needs a unit (e.g. 30s, 10m, 24h, 90d)"),
                e.getMessage());
        assertEquals("MESH_SSH_HEARTBEAT=-1s: must not be negative",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_SSH_HEARTBEAT", "-1s")))
                        .getMessage());
        assertEquals("MESH_KEY_EXPIRATION=500ms: must be at least 1s",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_KEY_EXPIRATION", "500ms")))
                        .getMessage());
    }

    @Test
    void serverUrlMustBeHttpOrHttpsWithAHost() {
        assertEquals(Optional.of(URI.create("https://hs.example.com")),
                loadEnv(Map.of("MESH_SERVER_URL", "https://hs.example.com")).serverUrl());
        assertEquals(Optional.of(URI.create("http://10.0.0.5:8080")),
                loadEnv(Map.of("MESH_SERVER_URL", "http://10.0.0.5:8080")).serverUrl());
        for (String bad : List.of("ftp://hs.example.com", "hs.example.com:8080", "https://", "http://a b")) {
            MeshConfigException e = assertThrows(MeshConfigException.class,
                    () -> loadEnv(Map.of("MESH_SERVER_URL", bad)), bad);
            assertEquals("MESH_SERVER_URL=" + bad
                    + ": not an http:// or https:// URL with a host (e.g. https://headscale.example.com)", e.getMessage());
        }
    }

    @Test
    void aMissingServerUrlFailsOnlyWhenItIsNeeded() {
        MeshSettings s = loadEnv(Map.of());
        MeshConfigException e = assertThrows(MeshConfigException.class, s::requireServerUrl);
        assertTrue(e.getMessage().contains("--server") && e.getMessage().contains("MESH_SERVER_URL"), e.getMessage());
    }

    @Test
    void tagsMustCarryTheTagPrefix() throws IOException {
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> loadUser("mesh.headscale.key.tags = [\"server\"]\n"));
        assertTrue(e.getMessage().endsWith("each tag must look like tag:NAME, got \"server\""), e.getMessage());
    }

    @Test
    void blankUserAndCommandAreRejected() {
        assertEquals("MESH_HEADSCALE_USER= : must not be empty",
                assertThrows(MeshConfigException.class, () -> loadEnv(Map.of("MESH_HEADSCALE_USER", " ")))
                        .getMessage());
    }

    @Test
    void pathsExpandTheHomeDirectory() {
        MeshSettings s = loadEnv(Map.of("MESH_SSH_IDENTITY", "~/keys/id_mesh", "MESH_SSH_KNOWN_HOSTS", "/etc/kh",
                "MESH_SSH_CONFIG", "~"));
        assertEquals(Optional.of(HOME.resolve("keys/id_mesh")), s.ssh().identity());
        assertEquals(Path.of("/etc/kh"), s.ssh().knownHosts());
        assertEquals(Optional.of(HOME), s.ssh().configFile());
    }

    @Test
    void flagValuesMayBeJavaTypesAndNullMeansNotGiven() {
        Map<String, Object> flags = new HashMap<>();
        flags.put("mesh.timeouts.connect", Duration.ofSeconds(90));
        flags.put("mesh.ssh.identity", Path.of("/k/id"));
        flags.put("mesh.server-url", URI.create("https://hs.example.com"));
        flags.put("mesh.ssh.port", null);
        MeshSettings s = load(missingUserFile(), Optional.empty(), Map.of("MESH_SSH_PORT", "2200"), flags);
        assertEquals(Duration.ofSeconds(90), s.timeouts().connect());
        assertEquals(Optional.of(Path.of("/k/id")), s.ssh().identity());
        assertEquals(Optional.of(URI.create("https://hs.example.com")), s.serverUrl());
        assertEquals(2200, s.ssh().port());
    }

    @Test
    void aBadFlagValueNamesTheOption() {
        MeshConfigException e = assertThrows(MeshConfigException.class,
                () -> load(missingUserFile(), Optional.empty(), Map.of(), Map.of("mesh.ssh.port", 0)));
        assertEquals("command-line option mesh.ssh.port=0: not a port number (1-65535)", e.getMessage());
    }

    @Test
    void unknownMeshVariablesAndSettingsAreWarnedAboutNotFatal() throws IOException {
        Path file = write("mesh.conf", "mesh {\n  ssh.prot = 22\n  plugins.linux.anything = 1\n}\n");
        MeshSettings s = load(file, Optional.empty(), Map.of("MESH_FOO", "1", "PATH", "/bin"), Map.of());
        assertEquals(List.of("environment variable MESH_FOO is not a mesh setting; ignored",
                file + ": 2: unknown setting mesh.ssh.prot; ignored"), s.warnings());
    }

    @Test
    void substitutionsInAUserFileSeeEveryLayer() throws IOException {
        MeshSettings s = loadUser("mesh.ssh.user = ${mesh.headscale.user}\n");
        assertEquals(Optional.of("mesh"), s.ssh().user());
    }

    @Test
    void timeoutsConvertToTheApiType() {
        Timeouts t = loadEnv(Map.of()).timeouts();
        assertEquals(new dev.mesh.api.StepTimeouts(t.command(), t.install(), t.connect()), t.toStepTimeouts());
    }
}
