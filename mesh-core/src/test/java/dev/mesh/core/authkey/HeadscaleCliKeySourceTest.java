package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.config.HeadscaleSettings;
import dev.mesh.core.config.KeySettings;
import dev.mesh.core.exec.LocalCommandRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key source against the headscale CLI double, per Headscale version. */
class HeadscaleCliKeySourceTest {
    private static final String HEX_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String SECRET_KEY = "fedcba9876543210fedcba9876543210fedcba9876543210";
    private static final KeyPolicy DEFAULT = new KeyPolicy("mesh", true, false, Duration.ofHours(24), List.of());

    @TempDir
    Path dir;

    @Test
    void upTo025TheUserIsPassedByName() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.25.1");
        Secret key = hs.source().create(DEFAULT);
        assertEquals(HEX_KEY, key.reveal());
        assertEquals(List.of("version", "preauthkeys create --user mesh --expiration 24h --reusable -o json"),
                hs.calls());
    }

    @Test
    void from026TheUserIdIsLookedUpAndPassed() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_USERS", "4:ops,9:mesh");
        assertEquals(HEX_KEY, hs.source().create(DEFAULT).reveal());
        assertEquals(List.of("version", "users list -o json",
                "preauthkeys create --user 9 --expiration 24h --reusable -o json"), hs.calls());
    }

    @Test
    void aSecondKeyInOneRunAsksForTheVersionAndUserIdOnlyOnce() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_USERS", "4:ops,9:mesh");
        HeadscaleCliKeySource source = hs.source();
        source.create(DEFAULT);
        source.create(new KeyPolicy("mesh", false, false, java.time.Duration.ofHours(1), List.of()));
        assertEquals(List.of("version", "users list -o json",
                "preauthkeys create --user 9 --expiration 24h --reusable -o json",
                "preauthkeys create --user 9 --expiration 1h -o json"), hs.calls());
    }

    @Test
    void headscale028KeysAreHskeyAuthKeys() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.28.0");
        Secret key = hs.source().create(DEFAULT);
        assertTrue(key.reveal().startsWith("hskey-auth-"), "a 0.28 key");
        assertEquals("preauthkeys create --user 1 --expiration 24h --reusable -o json", hs.calls().get(2));
    }

    @Test
    void everyPolicyFlagReachesTheCli() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0");
        KeyPolicy policy = new KeyPolicy("ops", false, true, Duration.ofDays(90), List.of("tag:server", "tag:lab"));
        hs.source().create(policy);
        assertEquals("preauthkeys create --user 2 --expiration 2160h --ephemeral --tags tag:server,tag:lab -o json",
                hs.calls().get(2));
    }

    @Test
    void aKeyPrintedAsPlainTextIsAccepted() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.25.1").with("FAKE_HEADSCALE_MODE", "plain");
        assertEquals(HEX_KEY, hs.source().create(DEFAULT).reveal());
    }

    @Test
    void anUnknownUserOn026IsReportedBeforeAnyKeyIsRequested() throws IOException {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_USERS", "2:ops");
        AuthKeyException e = assertThrows(AuthKeyException.class,
                () -> hs.source().create(new KeyPolicy("nobody", true, false, Duration.ofHours(1), List.of())));
        assertEquals(Kind.UNKNOWN_USER, e.kind());
        assertTrue(e.getMessage().startsWith("Headscale has no user 'nobody' (users: ops)"), e.getMessage());
        assertTrue(e.getMessage().contains("mesh.headscale.user"), e.getMessage());
        assertEquals(List.of("version", "users list -o json"), hs.calls());
    }

    @Test
    void anUnknownUserOn025IsReportedFromTheCliError() {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.25.1");
        AuthKeyException e = assertThrows(AuthKeyException.class,
                () -> hs.source().create(new KeyPolicy("nobody", true, false, Duration.ofHours(1), List.of())));
        assertEquals(Kind.UNKNOWN_USER, e.kind());
        assertTrue(e.getMessage().startsWith("`" + hs.command + " preauthkeys create --user nobody --expiration 1h"
                + " --reusable -o json` failed: Cannot create Pre Auth Key: user not found;"), e.getMessage());
    }

    @Test
    void anErrorPrintedOnStdoutWithExitCodeZeroIsStillAnError() {
        // Headscale 0.22 printed -o json errors on stdout and exited 0
        FakeHeadscale hs = new FakeHeadscale(dir, "0.22.3");
        AuthKeyException e = assertThrows(AuthKeyException.class,
                () -> hs.source().create(new KeyPolicy("nobody", true, false, Duration.ofHours(1), List.of())));
        assertEquals(Kind.UNKNOWN_USER, e.kind());
    }

    @Test
    void aServerWhoseSocketIsMissingIsUnreachableAndTheCliErrorIsShown() {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_MODE", "down");
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> hs.source().create(DEFAULT));
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().startsWith("`" + hs.command + " users list -o json` cannot reach the Headscale"
                + " server: Could not connect: dial unix /var/run/headscale/headscale.sock: connect: no such file or"
                + " directory;"), e.getMessage());
    }

    @Test
    void aCliThatHangsIsKilledAtTheTimeout() {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_MODE", "hang")
                .timeout(Duration.ofMillis(300));
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> hs.source().create(DEFAULT));
        assertEquals(Kind.TIMED_OUT, e.kind());
        assertTrue(e.getMessage().startsWith("`" + hs.command + " version` did not finish within 300ms"),
                e.getMessage());
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("mesh.headscale.timeout"), e.getMessage());
    }

    @Test
    void aMissingCliNamesTheSettingToFix() {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0");
        String missing = dir.resolve("bin/headscale").toString();
        HeadscaleCliKeySource source = new HeadscaleCliKeySource(hs.settings(missing), new LocalCommandRunner());
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> source.create(DEFAULT));
        assertEquals(Kind.CLI_NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("`" + missing + " version`: " + missing + ": no such file; "),
                e.getMessage());
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("mesh.headscale.command"), e.getMessage());
    }

    @Test
    void theKeyNeverAppearsInAMessageWhenTheOutputIsBroken() {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_MODE", "garbled")
                .with("FAKE_HEADSCALE_KEY", SECRET_KEY);
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> hs.source().create(DEFAULT));
        assertEquals(Kind.UNEXPECTED_OUTPUT, e.kind());
        assertFalse(e.getMessage().contains(SECRET_KEY), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET_KEY.substring(0, 12)), e.getMessage());
    }

    @Test
    void theKeyIsNotInTheSecretsToString() throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, "0.26.0").with("FAKE_HEADSCALE_KEY", SECRET_KEY);
        Secret key = hs.source().create(DEFAULT);
        assertEquals(SECRET_KEY, key.reveal());
        assertFalse(key.isIn(key.toString()));
        hs.calls().forEach(line -> assertFalse(key.isIn(line), "argv must not hold the key: " + line));
    }

    @Test
    void withSudoTheCliRunsAsSudoNonInteractive() {
        HeadscaleSettings settings = new HeadscaleSettings("mesh", "/usr/bin/headscale", true, Duration.ofSeconds(5),
                new KeySettings(true, false, Duration.ofHours(24), List.of()));
        LocalHeadscaleCommand source = new LocalHeadscaleCommand(settings, new LocalCommandRunner());
        assertEquals(List.of("sudo", "-n", "/usr/bin/headscale", "version"), source.argv(List.of("version")));
        FakeHeadscale fake = new FakeHeadscale(dir, "0.26.0");
        LocalHeadscaleCommand noSudo = new LocalHeadscaleCommand(fake.settings(fake.command.toString()),
                new LocalCommandRunner());
        assertEquals("version", noSudo.argv(List.of("version")).get(1));
        assertTrue(noSudo.argv(List.of("version")).get(0).endsWith("/headscale"));
    }

    @Test
    void policyFromSettingsAndSingleUseVariant() {
        HeadscaleSettings settings = new HeadscaleSettings("ops", "headscale", true, Duration.ofSeconds(5),
                new KeySettings(true, true, Duration.ofHours(48), List.of("tag:a")));
        KeyPolicy policy = KeyPolicy.from(settings);
        assertEquals(new KeyPolicy("ops", true, true, Duration.ofHours(48), List.of("tag:a")), policy);
        assertEquals(new KeyPolicy("ops", false, true, Duration.ofMinutes(15), List.of("tag:a")),
                policy.singleUse(Duration.ofMinutes(15)));
        assertThrows(IllegalArgumentException.class, () -> policy.singleUse(Duration.ZERO));
    }
}
