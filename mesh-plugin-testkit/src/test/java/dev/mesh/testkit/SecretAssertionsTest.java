package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mesh.api.RemoteConnection;
import dev.mesh.api.Secret;
import dev.mesh.api.TargetHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** Each assertion fails when the secret is where it must not be. */
class SecretAssertionsTest {
    private static final Secret KEY = Secret.of("hskey-auth-TESTKEY");
    private static final Duration T = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private ScriptedHost host() {
        return new ScriptedHost(dir).mkdirs("/tmp").on(c -> true, (c, h) -> ScriptedHost.ok(""));
    }

    private static RemoteConnection connect(ScriptedHost host) {
        return host.connection(new TargetHost("u", "h", 22));
    }

    @Test
    void passesWhenTheKeyCameOnlyOnStdin() {
        ScriptedHost host = host();
        connect(host).run("tailscale up --auth-key=file:/dev/stdin", KEY.toInput(), T);
        SecretAssertions.assertOnlyOnStdin(host, KEY);
    }

    @Test
    void failsWhenTheKeyIsInACommandLine() {
        ScriptedHost host = host();
        connect(host).run("tailscale up --auth-key=" + KEY.reveal(), KEY.toInput(), T);
        assertThrows(AssertionFailedError.class, () -> SecretAssertions.assertOnlyOnStdin(host, KEY));
    }

    @Test
    void failsWhenTheKeyWasUploadedEvenIfRemoved() {
        ScriptedHost host = host();
        connect(host).upload(KEY.toInput(), "/tmp/key", 0600);
        host.delete("/tmp/key");
        connect(host).run("tailscale up --auth-key=file:/dev/stdin", KEY.toInput(), T);
        assertThrows(AssertionFailedError.class, () -> SecretAssertions.assertOnlyOnStdin(host, KEY));
    }

    @Test
    void failsWhenAFileOnTheHostHoldsTheKey() {
        ScriptedHost host = host().write("/var/lib/key", KEY.reveal().getBytes(StandardCharsets.UTF_8));
        assertThrows(AssertionFailedError.class, () -> SecretAssertions.assertNeverInAFile(host, KEY));
    }

    @Test
    void failsWhenNothingGotTheKey() {
        ScriptedHost host = host();
        connect(host).run("tailscale up", T);
        assertThrows(AssertionFailedError.class, () -> SecretAssertions.assertOnlyOnStdin(host, KEY));
    }

    @Test
    void failsWhenAMessageHoldsTheKey() {
        assertThrows(AssertionFailedError.class, () -> SecretAssertions.assertNotIn(List.of("key " + KEY.reveal()), KEY));
    }
}
