package dev.mesh.core.syncthing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.DetectedOs;
import dev.mesh.api.StatusReport;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.TargetHost;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.tailscale.TailscaleReport;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.testkit.RecordingContext;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SyncthingDouble;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code mesh remote status}'s Syncthing pairing ({@link PairingStatus}) against the testkit's REST
 * stand-in behind a {@link SyncthingPairing} that hands each request straight to it (the plugins'
 * transports are their own tests'): what is read, what is not asked, one attempt only, one-line values.
 */
class PairingStatusTest {
    private static final String PLUGIN = "plugin 'alphaos' (alphaos.jar)";
    private final SyncthingDouble api = new SyncthingDouble("Key0123456789abcdefghijklmnopqr", SyncthingDouble.deviceId('A'));
    private final String beta = SyncthingDouble.deviceId('B');
    private final String stranger = SyncthingDouble.deviceId('C');
    private final AtomicInteger asked = new AtomicInteger();
    private final RecordingContext ctx = new RecordingContext(new ScriptedHost().connection(new TargetHost("steve", "10.0.0.5", 22)),
            DetectedOs.builder("alphaos").build());
    private final SyncthingPairing answering = (c, request) -> {
        asked.incrementAndGet();
        SyncthingDouble.Answer a = api.handle(request.method().name(), request.path(), request.body(), api.apiKey);
        return SyncthingResponse.of(a.status(), a.body());
    };

    private static StatusReport report(boolean installed, boolean running) {
        return StatusReport.builder(TailscaleReport.installed("1.80.2", TailscaleStatus.of("Running", List.of("100.64.0.7")),
                Optional.empty())).syncthing(installed, running).build();
    }

    private PairingStatus read(SyncthingPairing pairing, StatusReport report) {
        return PairingStatus.read(Optional.of(pairing), PLUGIN, report, ctx);
    }

    @Test
    void devicesWithTheirConnectionAndFoldersWithTheirState() {
        api.devices.put(beta, new LinkedHashMap<>(Map.of("deviceID", beta, "name", "beta", "addresses", List.of("tcp://100.64.0.8:22000"))));
        api.devices.put(stranger, new LinkedHashMap<>(Map.of("deviceID", stranger, "name", "alpha", "addresses", List.of("dynamic"))));
        api.connected.add(beta);
        api.folders.put("shared", new LinkedHashMap<>(Map.of("id", "shared", "label", "shared", "path", "~/Shared",
                "devices", List.of(Map.of("deviceID", api.myId), Map.of("deviceID", beta), Map.of("deviceID", stranger)))));

        PairingStatus read = read(answering, report(true, true));

        assertEquals(PairingStatus.State.READ, read.state());
        assertEquals("", read.reason());
        SyncthingStatus s = read.status().orElseThrow();
        assertEquals(api.myId, s.deviceId());
        assertEquals("v1.19.2", s.version());
        assertEquals(List.of("100.64.0.7"), s.tailnetAddresses(), "the status report's Tailscale addresses");
        assertEquals(List.of(beta, stranger), s.devices().stream().map(SyncthingStatus.Device::name).toList(),
                "by ID until the run knows whose they are; never by what the host calls them");
        assertTrue(s.devices().get(0).connected());
        assertEquals("100.64.0.1:22000", s.devices().get(0).address());
        assertFalse(s.devices().get(1).connected());
        assertEquals("idle", s.folders().get(0).state());

        SyncthingStatus named = read.named(Map.of(beta, "beta", api.myId, "alpha")).status().orElseThrow();
        assertEquals(List.of("beta", stranger), named.devices().stream().map(SyncthingStatus.Device::name).toList(),
                "a device no host of the run has keeps its ID, though its Syncthing name says alpha");
        assertEquals(List.of("beta", stranger), named.folders().get(0).sharedWith());
        assertEquals(beta, named.devices().get(0).deviceId());
    }

    @Test
    void notAskedWhenThePluginCannotOrSyncthingIsNotInstalledOrNotRunning() {
        PairingStatus unsupported = PairingStatus.read(Optional.empty(), PLUGIN, report(true, true), ctx);
        assertEquals(PairingStatus.State.UNSUPPORTED, unsupported.state());
        assertEquals("not supported by " + PLUGIN, unsupported.reason());
        assertEquals("not-installed", read(answering, report(false, false)).state().json());
        PairingStatus stopped = read(answering, report(true, false));
        assertEquals(PairingStatus.State.NOT_RUNNING, stopped.state());
        assertEquals("Syncthing is not running for steve", stopped.reason());
        assertEquals(0, asked.get(), "Syncthing was not asked");
        assertTrue(api.requests.isEmpty());
    }

    @Test
    void aSyncthingThatDoesNotAnswerIsAskedOnceAndNotWaitedFor() {
        SyncthingPairing silent = (c, request) -> {
            asked.incrementAndGet();
            return SyncthingResponse.unavailable("mesh: Syncthing's REST API did not answer at http://127.0.0.1:8384\n"
                    + "curl: (7) Failed to connect");
        };
        long start = System.nanoTime();
        PairingStatus read = read(silent, report(true, true));
        assertTrue(System.nanoTime() - start < 1_000_000_000L, "no wait");
        assertEquals(1, asked.get(), "one attempt");
        assertEquals(PairingStatus.State.NOT_ANSWERING, read.state());
        assertEquals("mesh: Syncthing's REST API did not answer at http://127.0.0.1:8384", read.reason(), "its first line");
        assertTrue(read.status().isEmpty());
    }

    @Test
    void anAnswerThatIsNotSyncthingsFailsThePairingNotTheHost() {
        SyncthingPairing forbidden = (c, request) -> SyncthingResponse.of(403, "Forbidden\u001b[2J\nmore");
        PairingStatus read = read(forbidden, report(true, true));
        assertEquals(PairingStatus.State.FAILED, read.state());
        assertEquals("GET /rest/system/status answered HTTP 403: Forbidden\\x1b[2J", read.reason(), "one line, escaped");

        SyncthingPairing garbled = (c, request) -> request.path().equals("/rest/config/devices")
                ? SyncthingResponse.of(200, "{not json") : answering.syncthingApi(c, request);
        PairingStatus broken = read(garbled, report(true, true));
        assertEquals(PairingStatus.State.FAILED, broken.state());
        assertTrue(broken.reason().startsWith("GET /rest/config/devices"), broken.reason());
    }

    @Test
    void onlyTheFirstFoldersStatesAreAskedFor() {
        for (int i = 0; i < StatusReader.FOLDER_STATES + 3; i++) {
            String id = "f" + i;
            api.folders.put(id, new LinkedHashMap<>(Map.of("id", id, "path", "~/" + id, "devices", List.of())));
        }
        SyncthingStatus s = read(answering, report(true, true)).status().orElseThrow();
        assertEquals(StatusReader.FOLDER_STATES + 3, s.folders().size());
        assertEquals(StatusReader.FOLDER_STATES, api.requests.stream().filter(r -> r.startsWith("GET /rest/db/status")).count());
        List<String> states = new ArrayList<>(s.folders().stream().map(SyncthingStatus.Folder::state).toList());
        assertEquals("idle", states.get(StatusReader.FOLDER_STATES - 1));
        assertEquals(StatusReader.NOT_READ, states.get(StatusReader.FOLDER_STATES));
    }
}
