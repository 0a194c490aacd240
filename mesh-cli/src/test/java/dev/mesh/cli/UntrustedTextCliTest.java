package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.MeshRuntime;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Through the real CLI: secrets never printed (issue 13 §5), Headscale's answers neutralised (§3), the
 * Headscale command as an argument prefix (issue 8 §6), and expiring keys over SSH (issue 8 §3).
 */
class UntrustedTextCliTest extends SimulatedDebianCliTest {
    /** What {@code export KEY="$(cat keyfile)"} gives on a key file with a second line. */
    private static final String TWO_LINE_KEY = "hskey-api-UNTRUSTEDTEXT-SECRET\nx-second-line";

    @Test
    void anApiKeyWithALineBreakIsRefusedAtStartWithoutEchoingIt() {
        cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
        cli.env.put("MESH_HEADSCALE_URL", "http://127.0.0.1:9");
        cli.env.put("MESH_HEADSCALE_API_KEY", TWO_LINE_KEY);

        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"), cli.output());
        assertNoPartOfTheKeyIn(cli.output());
        assertTrue(cli.err.contains("MESH_HEADSCALE_API_KEY: the API key has a line break at character 31 of 44"),
                cli.err);

        assertEquals(ExitCodes.USAGE, provision("steve@127.0.0.1", debian.host.port()), cli.output());
        assertNoPartOfTheKeyIn(cli.output());
        assertEquals(List.of(), debian.host.commands(), "refused before any connection");
    }

    @Test
    void anApiKeyWithABlankOrAControlCharacterIsRefusedToo() {
        cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
        cli.env.put("MESH_HEADSCALE_URL", "http://127.0.0.1:9");
        for (String key : List.of("hskey-api-UNTRUSTEDTEXT-SECRET x-second-line",
                "hskey-api-UNTRUSTEDTEXT-SECRET\u001b[2Jx-second-line")) {
            cli.env.put("MESH_HEADSCALE_API_KEY", key);
            assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"), cli.output());
            assertNoPartOfTheKeyIn(cli.output());
        }
    }

    @Test
    void anApiKeyFileWithASecondLineIsRefused() throws Exception {
        Path file = dir.resolve("api-key");
        Files.writeString(file, TWO_LINE_KEY + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        cli.env.put("MESH_HEADSCALE_SOURCE", "rest");
        cli.env.put("MESH_HEADSCALE_URL", "http://127.0.0.1:9");
        cli.env.put("MESH_HEADSCALE_API_KEY_FILE", file.toString());
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"), cli.output());
        assertNoPartOfTheKeyIn(cli.output());
    }

    /** A Headscale CLI whose error carries OSC 52 and cursor movement: printed escaped. */
    @Test
    void aHeadscaleErrorWithEscapeSequencesIsPrintedEscaped() throws Exception {
        Path hostile = script("hostile-headscale", "#!/bin/sh\n"
                + "printf 'user not found\\033]52;c;ZWNobyBwd25lZAo=\\007\\033[1A\\033[2K\\033[32m\\342\\234\\223 OK\\033[0m\\n' >&2\n"
                + "exit 1\n");
        cli.env.put("MESH_HEADSCALE_COMMAND", hostile.toString());
        assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create"), cli.output());
        assertFalse(cli.output().contains("\u001b"), cli.output());
        assertFalse(cli.output().contains("\u0007"), cli.output());
        assertTrue(cli.err.contains("user not found\\x1b]52;c;ZWNobyBwd25lZAo=\\x07\\x1b[1A\\x1b[2K\\x1b[32m✓ OK\\x1b[0m"),
                cli.err);
    }

    @Test
    void theHeadscaleCommandIsAnArgumentPrefixThatErrorsName() throws Exception {
        cli.env.put("MESH_HEADSCALE_COMMAND", "env MESH_PREFIX_TEST=1 '" + cli.headscaleWrapper() + "'");
        assertEquals(0, cli.run("authkey", "create"), cli.output());
        assertEquals(CliHarness.KEY + "\n", cli.out);

        cli.env.put("MESH_HEADSCALE_COMMAND", "no-such-docker exec headscale headscale");
        assertEquals(ExitCodes.FAILURE, cli.run("authkey", "create"), cli.output());
        assertTrue(cli.err.contains("`no-such-docker exec headscale headscale version`: no-such-docker: command not"
                + " found on PATH"), cli.err);

        cli.env.put("MESH_HEADSCALE_COMMAND", "headscale; rm -rf /");
        assertEquals(ExitCodes.USAGE, cli.run("authkey", "create"), cli.output());
        assertTrue(cli.err.contains("MESH_HEADSCALE_COMMAND=headscale; rm -rf /: ';' at character 10 needs a shell"),
                cli.err);
    }

    @Test
    void theHeadscaleCommandMayBeAHoconList() throws Exception {
        Path config = dir.resolve("mesh.conf");
        Files.writeString(config, "mesh.headscale.command = [\"env\", \"A=b c\", \"" + cli.headscaleWrapper() + "\"]\n");
        cli.env.remove("MESH_HEADSCALE_COMMAND");
        assertEquals(0, cli.run("--config", config.toString(), "authkey", "create"), cli.output());
        assertEquals(CliHarness.KEY + "\n", cli.out);
    }

    /**
     * {@code docker exec headscale headscale} on the Headscale server over SSH; expiring by user and
     * key (0.25) sends the key on standard input, never in the command line; by id from 0.28.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0.25.1", "0.26.0", "0.28.0"})
    void aContainerPrefixOverSshMintsAndExpires(String version) throws Exception {
        cli.headscale(version, "normal");
        List<String> prefix = List.of("docker", "exec", "headscale", "headscale");
        try (SimulatedHeadscaleServer server = new SimulatedHeadscaleServer(dir.resolve("server"),
                cli.headscaleWrapper(), prefix)) {
            Map<String, String> env = new java.util.HashMap<>(cli.env);
            env.put("MESH_HEADSCALE_SOURCE", "ssh");
            env.put("MESH_HEADSCALE_SSH_HOST", "admin@127.0.0.1");
            env.put("MESH_HEADSCALE_SSH_PORT", String.valueOf(server.host.port()));
            env.put("MESH_SSH_IDENTITY", server.host.clientKey().toString());
            env.put("MESH_HEADSCALE_COMMAND", "docker exec headscale headscale");
            env.put("MESH_HEADSCALE_SUDO", "true");
            try (MeshRuntime mesh = MeshRuntime.start(MeshRuntime.loadPlugins(Optional.empty(), env), Optional.empty(),
                    env, Map.of())) {
                MintedKey key = mesh.headscale().mint(new KeyPolicy("ops", true, false, Duration.ofHours(1), List.of()));
                mesh.headscale().expire(key);
                List<String> remote = server.host.commands();
                assertTrue(remote.get(0).startsWith("sudo -n 'docker' 'exec' 'headscale' 'headscale' 'version'"),
                        remote.toString());
                String expire = remote.stream().filter(c -> c.contains("'expire'")).findFirst().orElseThrow();
                int minor = Integer.parseInt(version.split("\\.")[1]);
                assertEquals(minor >= 28 ? "sudo -n 'docker' 'exec' 'headscale' 'headscale' 'preauthkeys' 'expire' '--id' '7'"
                        : "sudo -n 'docker' 'exec' 'headscale' 'headscale' 'preauthkeys' 'expire' '--user' '"
                        + (minor >= 26 ? "2" : "ops") + "' \"$(cat)\"", expire);
                remote.forEach(c -> assertFalse(key.key().isIn(c), "key in a command line: " + c));
                assertTrue(cli.headscaleCalls().contains("preauthkeys expire " + (minor >= 28 ? "--id 7"
                        : "--user " + (minor >= 26 ? "2" : "ops") + " " + key.key().reveal())), "the CLI got it");
            }
        }
    }

    private static void assertNoPartOfTheKeyIn(String output) {
        assertFalse(output.contains("UNTRUSTEDTEXT"), output);
        assertFalse(output.contains("x-second-line"), output);
    }

    private Path script(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }
}
