package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A fake Windows host and a context for it, with the checks every flow test shares. */
final class Fixture {
    final FakeWindowsHost host = new FakeWindowsHost();
    final TestContext ctx;
    final WindowsProvisioner provisioner = new WindowsProvisioner();

    Fixture() {
        this("");
    }

    Fixture(String overrides) {
        ctx = new TestContext(host, "windows", overrides + "\nmesh.plugins.windows.service-restart-wait = 0s");
        host.validKeys.add(TestContext.RUN_KEY.reveal());
        host.validKeys.add(TestContext.MANUAL_KEY.reveal());
    }

    /** No key in any command line, decoded script, progress message, or file other than the named key files. */
    void assertNoKeyLeaked(String... allowedKeyFiles) {
        List<String> texts = new ArrayList<>(host.commands);
        texts.addAll(host.scripts);
        texts.addAll(ctx.messages);
        for (Secret key : List.of(TestContext.RUN_KEY, TestContext.MANUAL_KEY)) {
            for (String text : texts) {
                assertFalse(key.isIn(text), "key leaked into: " + text);
            }
            host.files.forEach((path, content) -> {
                if (!List.of(allowedKeyFiles).contains(path)) {
                    assertFalse(key.isIn(new String(content, StandardCharsets.UTF_8)), "key left in " + path);
                }
            });
        }
        assertTrue(host.unknownScripts.isEmpty(), "scripts the host did not understand: " + host.unknownScripts);
    }

    /** Every command fits cmd.exe's line limit and is a plain command or an encoded PowerShell script. */
    void assertCommandsAreSafeForCmd() {
        for (String command : host.commands) {
            assertTrue(command.length() <= PowerShell.COMMAND_LINE_LIMIT, "too long: " + command.length());
            assertTrue(command.matches("uname -s|echo %OS%|powershell -NoProfile -NonInteractive -EncodedCommand [A-Za-z0-9+/=]+"),
                    "unexpected command line: " + command);
        }
    }
}
