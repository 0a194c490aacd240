package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.util.ArrayList;
import java.util.List;

/** A simulated Windows host and a context for it, with the checks every flow test shares. */
final class Fixture {
    final SimulatedWindowsHost<ScriptedHost> host = SimulatedWindowsHost.inProcess();
    final TestContext ctx;
    final WindowsProvisioner provisioner = new WindowsProvisioner();

    Fixture() {
        this("");
    }

    Fixture(String overrides) {
        ctx = new TestContext(host.connection(), overrides + "\nmesh.plugins.windows.service-restart-wait = 0s");
        host.validKeys.add(TestContext.RUN_KEY.reveal());
        host.validKeys.add(TestContext.MANUAL_KEY.reveal());
    }

    /** Neither key in any command line, decoded script, upload or progress message; the run's key in no file left behind. */
    void assertNoKeyLeaked() {
        List<String> texts = new ArrayList<>(host.scripts);
        texts.addAll(ctx.messages);
        for (Secret key : List.of(TestContext.RUN_KEY, TestContext.MANUAL_KEY)) {
            SecretAssertions.assertNeverInArgv(host.host, key);
            SecretAssertions.assertNotIn(texts, key);
            for (ScriptedHost.Upload upload : host.host.uploads()) {
                assertTrue(!key.isIn(new String(upload.content(), java.nio.charset.StandardCharsets.UTF_8)),
                        "key uploaded to " + upload.path());
            }
        }
        SecretAssertions.assertNeverInAFile(host.host, TestContext.RUN_KEY);
        assertTrue(host.unknown.isEmpty(), "commands the host did not understand: " + host.unknown);
    }

    /** Every command fits cmd.exe's line limit and is a plain command or an encoded PowerShell script. */
    void assertCommandsAreSafeForCmd() {
        for (String command : host.commands()) {
            assertTrue(command.length() <= PowerShell.COMMAND_LINE_LIMIT, "too long: " + command.length());
            assertTrue(command.matches("uname -s|echo %OS%|powershell -NoProfile -NonInteractive -EncodedCommand [A-Za-z0-9+/=]+"),
                    "unexpected command line: " + command);
        }
    }
}
