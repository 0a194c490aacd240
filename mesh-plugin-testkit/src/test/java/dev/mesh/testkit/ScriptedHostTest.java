package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.RemoteConnection;
import dev.mesh.api.TargetHost;
import dev.mesh.api.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptedHostTest {
    @TempDir
    Path dir;

    private static final Duration T = Duration.ofSeconds(5);

    @Test
    void newerRulesWinAndUnmatchedCommandsAreNotFound() {
        ScriptedHost host = new ScriptedHost(dir).onExact("uname -s", "Linux\n").onExact("uname -s", "FreeBSD\n");
        RemoteConnection c = host.connection(new TargetHost("u", "h", 22));
        assertEquals("FreeBSD", c.run("uname -s", T).out());
        assertEquals(127, c.run("pkg install tailscale", T).exitCode());
        assertEquals(List.of("pkg install tailscale"), host.unanswered());
        assertEquals(List.of("uname -s", "pkg install tailscale"), host.commands());
    }

    @Test
    void recordsStandardInputAndTimeouts() throws Exception {
        ScriptedHost host = new ScriptedHost(dir).onCall(c -> c.startsWith("cat"), (call, h) -> ScriptedHost.ok(call.input()));
        RemoteConnection c = host.connection(new TargetHost("u", "h", 22));
        assertEquals("secret\n", c.run("cat", "secret\n".getBytes(StandardCharsets.UTF_8), T).stdout());
        assertEquals("secret\n", host.calls().get(0).input());
        assertEquals(T, host.timeoutOf("cat"));
    }

    @Test
    void uploadsNeedTheirDirectoryAsOverSftp() {
        ScriptedHost host = new ScriptedHost(dir).mkdirs("/tmp");
        RemoteConnection c = host.connection(new TargetHost("u", "h", 22));
        assertThrows(TransportException.class, () -> c.upload(new byte[] {1}, "/nowhere/x", 0600));
        c.upload("x".getBytes(StandardCharsets.UTF_8), "/tmp/x", 0640);
        assertEquals("x", host.read("/tmp/x"));
        assertEquals(0640, host.mode("/tmp/x"));
        assertEquals(List.of("/tmp/x"), host.filesUnder("/tmp"));
        assertEquals(0640, host.uploads().get(0).mode());
    }

    @Test
    void aBrokenUploadLeavesItsFileBehindAsAReal() {
        ScriptedHost host = new ScriptedHost(dir).mkdirs("/tmp").failUploadsWith(new TransportException("cut"));
        RemoteConnection c = host.connection(new TargetHost("u", "h", 22));
        assertThrows(TransportException.class, () -> c.upload(new byte[] {1}, "/tmp/y", 0600));
        assertTrue(host.exists("/tmp/y"));
        host.delete("/tmp/y");
        assertEquals(List.of(), host.filesUnder("/tmp"));
    }
}
