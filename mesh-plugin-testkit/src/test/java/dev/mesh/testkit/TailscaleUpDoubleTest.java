package dev.mesh.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TailscaleUpDoubleTest {
    @TempDir
    Path dir;

    private static ScriptedHost.Call call(String command, String stdin) {
        return new ScriptedHost.Call(command, stdin.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void fileDevStdinIsTheCommandsStandardInput() throws Exception {
        TailscaleUpDouble.Up up = TailscaleUpDouble.read(call("tailscale up --login-server=http://h --auth-key=file:/dev/stdin"
                + " --timeout=5s", "k-1\n"), new ScriptedHost(dir));
        assertEquals(new TailscaleUpDouble.Up("http://h", "/dev/stdin", "k-1"), up);
    }

    @Test
    void anyOtherPathIsAFileOnTheHost() throws Exception {
        ScriptedHost host = new ScriptedHost(dir).write("/tmp/k", "k-2\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("k-2", TailscaleUpDouble.read(call("tailscale up --login-server=http://h --auth-key=file:/tmp/k"
                + " --timeout=5s", ""), host).key());
        TailscaleUpDouble.Failure missing = assertThrows(TailscaleUpDouble.Failure.class, () -> TailscaleUpDouble.read(
                call("tailscale up --login-server=http://h --auth-key=file:/tmp/gone --timeout=5s", ""), host));
        assertTrue(missing.result().stderr().contains("open /tmp/gone: no such file"), missing.getMessage());
    }

    @Test
    void withoutTimeoutItWaitsForeverAndAnEmptyKeyIsInvalid() {
        ScriptedHost host = new ScriptedHost(dir);
        assertTrue(assertThrows(TailscaleUpDouble.Failure.class, () -> TailscaleUpDouble.read(
                call("tailscale up --login-server=http://h --auth-key=file:/dev/stdin", "k"), host)).result().timedOut());
        assertThrows(TailscaleUpDouble.Failure.class, () -> TailscaleUpDouble.read(
                call("tailscale up --login-server=http://h --auth-key=file:/dev/stdin --timeout=5s", ""), host));
    }
}
