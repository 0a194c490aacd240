package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.testkit.SyncthingDouble;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Windows plugin's Syncthing REST transport on the simulated host: PowerShell, key from config.xml, never on a command line. */
class SyncthingPairingTest {
    private final Fixture f = new Fixture();
    private final SyncthingDouble api = new SyncthingDouble("WinApiKey0123456789abcdefWXYZ", SyncthingDouble.deviceId('W'));
    private final SimulatedWindowsSyncthing syncthing = new SimulatedWindowsSyncthing(f.host.withSyncthing(), api);

    @Test
    void readsTheDeviceIdAndChangesDevicesWithTheKeyFromConfigXml() {
        SyncthingResponse status = f.provisioner.syncthingApi(f.ctx, SyncthingRequest.get("/rest/system/status"));
        assertEquals(200, status.status());
        assertTrue(status.body().contains(api.myId), status.body());

        String peer = SyncthingDouble.deviceId('P');
        String device = "{\"deviceID\":\"" + peer + "\",\"name\":\"büro\",\"addresses\":[\"tcp://100.64.0.8:22000\"]}";
        assertEquals(200, f.provisioner.syncthingApi(f.ctx, SyncthingRequest.put("/rest/config/devices/" + peer, device)).status());
        assertEquals(List.of("tcp://100.64.0.8:22000"), api.devices.get(peer).get("addresses"));
        assertEquals("büro", api.devices.get(peer).get("name"), "the body arrives byte for byte (base64 on stdin)");
        assertEquals(404, f.provisioner.syncthingApi(f.ctx, SyncthingRequest.get("/rest/config/folders/none")).status());

        assertEquals(List.of(api.apiKey, api.apiKey, api.apiKey), api.keysSeen, "every request carried the key from config.xml");
        for (String command : f.host.commands()) {
            assertFalse(command.contains(api.apiKey), "API key on a command line");
        }
        for (String script : f.host.decodedCommands()) {
            assertFalse(script.contains(api.apiKey), "API key in a script: " + script);
        }
        assertTrue(syncthing.scripts.get(1).contains("Invoke-WebRequest @request"), syncthing.scripts.get(1));
        f.assertCommandsAreSafeForCmd();
    }

    @Test
    void aSyncthingThatIsNotRunningOrNotConfiguredIsUnavailable() {
        syncthing.running = false;
        SyncthingResponse r = f.provisioner.syncthingApi(f.ctx, SyncthingRequest.get("/rest/system/status"));
        assertFalse(r.available());
        assertTrue(r.problem().contains("did not answer at http://127.0.0.1:8384"), r.problem());

        f.host.host.delete(SimulatedWindowsHost.remote(SimulatedWindowsSyncthing.CONFIG));
        r = f.provisioner.syncthingApi(f.ctx, SyncthingRequest.get("/rest/system/status"));
        assertFalse(r.available());
        assertTrue(r.problem().contains("no Syncthing config.xml at " + SimulatedWindowsSyncthing.CONFIG), r.problem());
        assertTrue(api.requests.isEmpty());
    }

    @Test
    void theScriptReadsTheKeyInsidePowerShellAndNeverPrintsIt() {
        String script = WindowsSyncthingApi.script(SyncthingRequest.patch("/rest/config/folders/shared", "{}"));
        assertTrue(script.contains("[xml]$xml = Get-Content -LiteralPath $cfg -Raw -Encoding UTF8"), script);
        assertTrue(script.contains("'X-API-Key' = [string]$gui.apikey"), script);
        List<String> uses = script.lines().filter(l -> l.contains("$gui.apikey")).toList();
        assertEquals(2, uses.size(), "the key is only tested for and put in the header: " + uses);
        assertTrue(uses.get(0).startsWith("if ($gui.enabled -eq 'false' -or -not $gui.apikey)"), uses.get(0));
        assertTrue(script.contains("$method = 'PATCH'") && script.contains("$hasBody = $true"), script);
    }
}
