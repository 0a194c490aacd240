package dev.mesh.os.linux;

import static dev.mesh.os.linux.ScriptedLinuxHost.exit;
import static dev.mesh.os.linux.ScriptedLinuxHost.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifyStepTest {

    private static Debian12Host joined() {
        Debian12Host debian = new Debian12Host("steve");
        debian.tailscaleInstalled = true;
        debian.running = true;
        return debian;
    }

    @Test
    void runningNodeWithAddress() {
        TestContext ctx = new TestContext(joined().host);
        TailscaleStatus status = VerifyStep.run(ctx);
        assertEquals("Running", status.backendState());
        assertEquals("100.64.0.7", status.ipv4());
        assertEquals("debian12", status.hostName());
        assertTrue(status.online());
        assertTrue(ctx.listener.has("ok", "100.64.0.7"));
    }

    @Test
    void ipFromTailscaleIpComesFirst() {
        Debian12Host debian = joined();
        debian.host.onExact("tailscale ip -4", "100.100.1.2\n");
        TailscaleStatus status = VerifyStep.run(new TestContext(debian.host));
        assertEquals(List.of("100.100.1.2", "100.64.0.7", "fd7a:115c:a1e0::7"), status.tailscaleIps());
    }

    @Test
    void notRunningFailsWithStateAndHealth() {
        Debian12Host debian = joined();
        debian.host.onExact("tailscale status --json", TailscaleJson.status("NeedsMachineAuth",
                "not logged in, last login error=machine not authorized"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> VerifyStep.run(new TestContext(debian.host)));
        assertEquals(FailureReason.VERIFY_FAILED, e.reason());
        assertEquals("BackendState is NeedsMachineAuth; health: not logged in, last login error=machine not authorized",
                e.getMessage());
    }

    @Test
    void unreadableStatusFailsWithTheCliOutput() {
        Debian12Host debian = joined();
        debian.host.onExact("tailscale status --json", exit(1, "", "failed to connect to local tailscaled\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> VerifyStep.run(new TestContext(debian.host)));
        assertTrue(e.getMessage().startsWith("BackendState is NoState"), e.getMessage());
        assertTrue(e.getMessage().contains("failed to connect to local tailscaled"), e.getMessage());
    }

    @Test
    void runningWithoutIpv4Fails() {
        Debian12Host debian = joined();
        debian.host.onExact("tailscale status --json", ok("{\"BackendState\": \"Running\", \"TailscaleIPs\": [\"fd7a:115c:a1e0::7\"]}"))
                .onExact("tailscale ip -4", exit(1, "", ""));
        StepFailedException e = assertThrows(StepFailedException.class, () -> VerifyStep.run(new TestContext(debian.host)));
        assertEquals(FailureReason.VERIFY_FAILED, e.reason());
    }
}
