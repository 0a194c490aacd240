package dev.mesh.os.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SyncthingDouble;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macOS plugin's Syncthing REST transport on the simulated Mac: sh and curl, key from config.xml, never on a command line. */
class SyncthingPairingTest {
    private final SimulatedMacHost<ScriptedHost> mac = SimulatedMacHost.inProcess().withHomebrew();
    private final TestContext ctx = new TestContext(mac.connection());
    private final MacProvisioner provisioner = new MacProvisioner();
    private final SyncthingDouble api = new SyncthingDouble("MacApiKey0123456789abcdefWXYZ", SyncthingDouble.deviceId('M'));
    private final SimulatedMacSyncthing syncthing = new SimulatedMacSyncthing(mac, api);

    @Test
    void readsTheDeviceIdAndSharesAFolderWithTheKeyFromConfigXml() {
        SyncthingResponse status = provisioner.syncthingApi(ctx, SyncthingRequest.get("/rest/system/status"));
        assertEquals(200, status.status());
        assertTrue(status.body().contains(api.myId), status.body());
        String peer = SyncthingDouble.deviceId('P');
        provisioner.syncthingApi(ctx, SyncthingRequest.put("/rest/config/devices/" + peer, "{\"deviceID\":\"" + peer + "\"}"));
        String folder = "{\"id\":\"shared\",\"path\":\"~/Shared\",\"devices\":[{\"deviceID\":\"" + peer + "\"}]}";
        assertEquals(200, provisioner.syncthingApi(ctx, SyncthingRequest.put("/rest/config/folders/shared", folder)).status());
        assertEquals("~/Shared", api.folders.get("shared").get("path"));

        assertEquals(List.of(api.apiKey, api.apiKey, api.apiKey), api.keysSeen, "every request carried the key from config.xml");
        for (ScriptedHost.Call call : mac.host.calls()) {
            assertFalse(call.command().contains(api.apiKey), "API key on a command line: " + call.command());
            assertFalse(call.input().contains(api.apiKey), "API key sent by mesh");
        }
        assertTrue(mac.host.calls().get(2).input().contains("\"path\":\"~/Shared\""), "the body on standard input");
    }

    @Test
    void aSyncthingThatIsNotRunningOrNotInstalledIsUnavailable() {
        syncthing.running = false;
        SyncthingResponse r = provisioner.syncthingApi(ctx, SyncthingRequest.get("/rest/system/status"));
        assertFalse(r.available());
        assertTrue(r.problem().contains("Failed to connect to 127.0.0.1 port 8384"), r.problem());
        mac.host.delete(SimulatedMacSyncthing.CONFIG);
        r = provisioner.syncthingApi(ctx, SyncthingRequest.get("/rest/system/status"));
        assertFalse(r.available());
        assertTrue(r.problem().contains("no Syncthing config.xml in /Users/steve/Library/Application Support/Syncthing"),
                r.problem());
    }
}
