package dev.mesh.cli;

import static dev.mesh.cli.ProvisionWindowsEndToEndTest.assertOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Secret;
import dev.mesh.os.macos.SimulatedMacHost;
import dev.mesh.testkit.SecretAssertions;
import dev.mesh.testkit.SimulatedHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mesh remote provision} of a Mac through the real CLI, SSH client, state machine and macOS plugin. */
class ProvisionMacEndToEndTest {
    static final String UP_ARGS = " up --login-server=http://127.0.0.1:8080 --auth-key=file:/dev/stdin"
            + " --accept-routes=false --timeout=5s";

    @TempDir
    Path dir;
    SimulatedMacHost<SimulatedHost> mac;
    CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        mac = SimulatedMacHost.overSsh(dir.resolve("host"));
        mac.validKeys.add(CliHarness.KEY);
        cli = new CliHarness(dir);
        mac.onJoin = cli.joinHook("studio-mac");
    }

    @AfterEach
    void stop() {
        mac.close();
    }

    private int provision(String... extra) {
        List<String> args = new ArrayList<>(List.of("remote", "provision", "steve@127.0.0.1",
                "-p", String.valueOf(mac.host.port()), "-s", "http://127.0.0.1:8080",
                "-i", mac.host.clientKey().toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void whileAnotherRunHoldsTheMacsLockARunStopsBeforeMintingAnything() throws Exception {
        mac.withHomebrew();
        assertEquals(ExitCodes.OK, provision(), cli.output());
        OtherRun.assertARunStopsWhileHeld(mac.host, mac.lock, dir, cli, this::provision, "steve@127.0.0.1");
    }

    @Test
    void freshMacWithHomebrewJoinsOverOneConnectionAndASecondRunChangesNothing() throws Exception {
        mac.withHomebrew();

        assertEquals(ExitCodes.OK, provision(), cli.output());

        assertTrue(cli.out.contains(" is on the mesh: " + SimulatedMacHost.TAILSCALE_IP), cli.out);
        assertEquals(1, mac.host.connectionCount(), "SSH connections per provision");
        assertOrder(mac.host.commands(), "echo connected", "uname -s", "sw_vers -productVersion", "uname -m",
                "sudo -n true", "'/opt/homebrew/bin/brew' install tailscale", "sudo -n '/opt/homebrew/bin/brew' services start tailscale",
                "sudo -n '/opt/homebrew/bin/tailscale'" + UP_ARGS,
                "sudo -n '/opt/homebrew/bin/tailscale' status --json", "'/opt/homebrew/bin/brew' install syncthing",
                "'/opt/homebrew/bin/brew' services start syncthing");
        assertEquals(List.of(CliHarness.KEY), mac.keysReadByUp, "the key reached tailscale");
        assertEquals(List.of("/dev/stdin"), mac.keySources, "on its standard input");
        SecretAssertions.assertOnlyOnStdin(mac.host, Secret.of(CliHarness.KEY));
        assertEquals(List.of(), mac.host.filesUnder("/tmp"), "nothing left in /tmp");
        assertTrue(mac.syncthingStarted);
        assertEquals(List.of("preauthkeys create --user 1 --expiration 24h --reusable -o json"), keyRequests());
        assertNoKeyLeaked();
        int before = mac.host.commands().size();

        assertEquals(ExitCodes.OK, provision(), cli.output());

        assertTrue(cli.out.contains("was already on the mesh (" + SimulatedMacHost.TAILSCALE_IP + "); nothing changed"), cli.out);
        List<String> second = mac.host.commands().subList(before, mac.host.commands().size());
        assertTrue(second.stream().noneMatch(c -> c.contains(" up ") || c.contains(" install ") || c.contains("services start")),
                second.toString());
        assertEquals(1, keyRequests().size(), "no new key");
        assertEquals(2, mac.host.connectionCount(), "one connection per run");
    }

    @Test
    void withoutHomebrewItStopsInPreflightWithTheCommandThatInstallsIt() throws Exception {
        assertEquals(ExitCodes.FAILURE, provision(), cli.output());

        assertTrue(cli.err.contains("(at PREFLIGHT)"), cli.err);
        assertTrue(cli.err.contains("Homebrew is not installed on 127.0.0.1"), cli.err);
        assertTrue(cli.err.contains("/bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\""),
                cli.err);
        assertEquals(List.of(), keyRequests(), "no key minted");
        assertTrue(mac.host.commands().stream().noneMatch(c -> c.contains("install") || c.contains(" up ")),
                mac.host.commands().toString());
        assertEquals(1, mac.host.connectionCount());
        assertNoKeyLeaked();
    }

    @Test
    void homebrewTailscaleWithoutPasswordlessSudoStopsWithAMacHintNotPrepare() throws Exception {
        mac.withHomebrew();
        mac.sudoWithoutPassword = false;
        assertEquals(ExitCodes.FAILURE, provision(), cli.output());
        assertTrue(cli.err.contains(": " + FailureReason.SUDO_PASSWORD_REQUIRED.message() + " (at PREFLIGHT)"), cli.err);
        assertTrue(cli.err.contains("sudo -n true failed for"), cli.err);
        assertTrue(cli.err.contains("mesh remote prepare is Linux-only"), cli.err);
        assertFalse(cli.err.contains("Run `mesh remote prepare USER@HOST`"), cli.err);
        assertEquals(List.of(), keyRequests(), "no key minted");
    }

    @Test
    void anInstalledTailscaleAppIsUsedWithoutSudo() throws Exception {
        mac.withHomebrew().withTailscaleApp();
        mac.sudoWithoutPassword = false; // the app's CLI does not need it

        assertEquals(ExitCodes.OK, provision(), cli.output());

        assertTrue(cli.out.contains("Using the installed Tailscale app's CLI"), cli.out);
        List<String> commands = mac.host.commands();
        assertTrue(commands.contains("'" + SimulatedMacHost.APP_CLI + "'" + UP_ARGS), commands.toString());
        assertTrue(commands.stream().noneMatch(c -> c.startsWith("sudo ") || c.contains("install tailscale")), commands.toString());
        assertFalse(mac.exists(SimulatedMacHost.BREW_TAILSCALE), "Homebrew's tailscale not installed beside the app");
        assertEquals(List.of(CliHarness.KEY), mac.keysReadByUp);
        assertTrue(mac.syncthingStarted, "Syncthing still comes from Homebrew");
        assertEquals(1, mac.host.connectionCount());
        assertEquals(List.of(), mac.host.filesUnder("/tmp"));
        assertNoKeyLeaked();
    }

    @Test
    void anInstalledTailscaleAppNeedsNoHomebrewWhenSyncthingIsSkipped() throws Exception {
        mac.withTailscaleApp();
        assertEquals(ExitCodes.OK, provision("--skip-syncthing"), cli.output());
        assertTrue(cli.out.contains("Syncthing skipped"), cli.out);
        assertEquals(List.of(CliHarness.KEY), mac.keysReadByUp);
        assertEquals(1, mac.host.connectionCount());
        assertNoKeyLeaked();
    }

    private List<String> keyRequests() {
        try {
            return cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNoKeyLeaked() throws IOException {
        try (Stream<Path> files = Files.walk(mac.host.fsRoot())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f, StandardCharsets.ISO_8859_1).contains(CliHarness.KEY),
                        "key left in " + f);
            }
        }
        for (String c : mac.host.commands()) {
            assertFalse(c.contains(CliHarness.KEY), "key in a command line: " + c);
        }
        assertFalse(cli.output().contains(CliHarness.KEY), "key in the output");
        assertTrue(mac.unknown.isEmpty(), "commands the Mac did not understand: " + mac.unknown);
    }
}
