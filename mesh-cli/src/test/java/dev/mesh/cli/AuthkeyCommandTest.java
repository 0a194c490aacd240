package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.testing.FakeHeadscaleApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code mesh authkey create} by each source against each Headscale version, and its failures. */
class AuthkeyCommandTest {
    private static final String API_KEY = "apikey-0123456789.abcdef0123456789abcdef0123456789";

    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        cli = new CliHarness(dir);
    }

    private static int minor(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.0", "0.28.0", "0.29.0"})
    void localCli(String version) throws Exception {
        cli.headscale(version, "normal");
        assertEquals(0, cli.run("authkey", "create", "--source", "cli"), cli.output());
        assertEquals(CliHarness.KEY + "\n", cli.out, "stdout holds the key alone");
        assertTrue(cli.err.contains("reusable") && cli.err.contains("24h"), cli.err);
        String create = cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).findFirst().orElseThrow();
        assertTrue(create.contains("--user " + (minor(version) >= 26 ? "1" : "mesh") + " "), create);
        assertTrue(create.contains("--expiration 24h"), create);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.0", "0.28.0", "0.29.0"})
    void restApi(String version) {
        try (FakeHeadscaleApi api = new FakeHeadscaleApi(version, API_KEY)) {
            cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
            cli.env.put("MESH_HEADSCALE_URL", api.url().toString());
            cli.env.put("MESH_HEADSCALE_API_KEY", API_KEY);
            Instant before = Instant.now();
            assertEquals(0, cli.run("authkey", "create", "--single-use", "--expiration", "2h", "--tags", "tag:a,tag:b"),
                    cli.output());
            assertEquals((minor(version) >= 28 ? FakeHeadscaleApi.HSKEY : FakeHeadscaleApi.HEX_KEY) + "\n", cli.out);
            Map<String, Object> sent = api.keyRequests().get(api.keyRequests().size() - 1);
            assertEquals(minor(version) >= 26 ? "1" : "mesh", sent.get("user"));
            assertEquals(false, sent.get("reusable"));
            assertEquals(List.of("tag:a", "tag:b"), sent.get("aclTags"));
            Instant expires = OffsetDateTime.parse((String) sent.get("expiration")).toInstant();
            assertTrue(Duration.between(before, expires).toMinutes() >= 119, "2h ahead: " + expires);
            assertFalse(cli.err.contains(API_KEY));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.0", "0.28.0", "0.29.0"})
    void cliOnTheServerOverSsh(String version) throws Exception {
        cli.headscale(version, "normal");
        try (SimulatedHeadscaleServer server = new SimulatedHeadscaleServer(dir.resolve("server"), cli.headscaleWrapper())) {
            cli.env.put("MESH_HEADSCALE_SOURCE", "ssh");
            cli.env.put("MESH_HEADSCALE_SSH_HOST", "admin@127.0.0.1");
            cli.env.put("MESH_HEADSCALE_SSH_PORT", String.valueOf(server.host.port()));
            cli.env.put("MESH_SSH_IDENTITY", server.host.clientKey().toString());
            cli.env.put("MESH_HEADSCALE_COMMAND", "headscale");
            cli.env.put("MESH_HEADSCALE_SUDO", "true");
            assertEquals(0, cli.run("authkey", "create", "--ephemeral", "-u", "ops"), cli.output());
            assertEquals(CliHarness.KEY + "\n", cli.out);
            List<String> remote = server.host.commands();
            assertEquals("sudo -n 'headscale' 'version'", remote.get(0));
            String user = minor(version) >= 26 ? "'2'" : "'ops'";
            assertTrue(remote.stream().anyMatch(c -> c.startsWith("sudo -n 'headscale' 'preauthkeys' 'create' '--user' "
                    + user + " '--expiration' '24h' '--reusable' '--ephemeral'")), remote.toString());
            assertEquals(1, server.host.connectionCount(), "one SSH connection for all calls");
        }
    }

    @Test
    void badInputIsRefusedBeforeHeadscaleIsAsked() throws Exception {
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create", "--expiration", "soon"));
        assertTrue(cli.err.contains("--expiration") || cli.err.contains("mesh.headscale.key.expiration"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create", "--tags", "server"));
        assertTrue(cli.err.contains("tag:NAME"), cli.err);
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create", "--reusable", "--single-use"));
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create", "--source", "carrier-pigeon"));
        assertTrue(cli.err.contains("cli, rest or ssh"), cli.err);
        assertEquals(List.of(), cli.headscaleCalls());
    }

    @Test
    void restWithoutAnApiKeyIsAConfigurationError() {
        cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
        cli.env.put("MESH_HEADSCALE_URL", "http://127.0.0.1:9");
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"));
        assertTrue(cli.err.contains("MESH_HEADSCALE_API_KEY") && cli.err.contains("mesh.headscale.api-key-file"), cli.err);
    }

    @Test
    void anApiKeyFileOthersCanReadIsRefusedAndAPrivateOneWorks() throws Exception {
        try (FakeHeadscaleApi api = new FakeHeadscaleApi("0.28.0", API_KEY)) {
            Path file = dir.resolve("api-key");
            Files.writeString(file, API_KEY + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
            cli.env.put("MESH_HEADSCALE_URL", api.url().toString());
            cli.env.put("MESH_HEADSCALE_API_KEY_FILE", file.toString());
            assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"));
            assertTrue(cli.err.contains("chmod 600"), cli.err);
            assertFalse(cli.output().contains(API_KEY));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            assertEquals(0, cli.run("authkey", "create"), cli.output());
            assertEquals(FakeHeadscaleApi.HSKEY + "\n", cli.out);
        }
    }

    @Test
    void aRejectedApiKeyNamesWhereKeysComeFrom() {
        try (FakeHeadscaleApi api = new FakeHeadscaleApi("0.29.0", API_KEY)) {
            cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
            cli.env.put("MESH_HEADSCALE_URL", api.url().toString());
            cli.env.put("MESH_HEADSCALE_API_KEY", "expired-key-123456");
            assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create"));
            assertTrue(cli.err.contains("401") && cli.err.contains("MESH_HEADSCALE_API_KEY"), cli.err);
            assertFalse(cli.output().contains("expired-key-123456"));
        }
    }

    @Test
    void anUnreachableServerNamesTheUrlSetting() {
        cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
        cli.env.put("MESH_HEADSCALE_URL", "http://127.0.0.1:9");
        cli.env.put("MESH_HEADSCALE_API_KEY", API_KEY);
        assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create"));
        assertTrue(cli.err.contains("mesh.headscale.url"), cli.err);
    }

    @Test
    void anUnknownUserNamesTheUserSetting() throws Exception {
        assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create", "-u", "nobody"));
        assertTrue(cli.err.contains("'nobody'") && cli.err.contains("mesh.headscale.user"), cli.err);
    }

    @Test
    void aHangingCliIsKilledAtItsTimeout() throws Exception {
        cli.headscale("0.26.0", "hang");
        cli.env.put("MESH_HEADSCALE_TIMEOUT", "1s");
        long t0 = System.nanoTime();
        assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create"));
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 10, "killed, not waited for");
        assertTrue(cli.err.contains("mesh.headscale.timeout"), cli.err);
    }
}
