package dev.mesh.core.syncthing;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.core.json.JsonObjects;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One host's Syncthing REST API (docs.syncthing.net "REST API"; lib/api/confighandler.go), through its
 * plugin's {@link SyncthingPairing}. Answers are host data: parsed by {@link JsonObjects} within its
 * bounds, never printed raw. A non-2xx answer, an answer that is not the JSON expected, or an unavailable Syncthing is a
 * {@link StepFailedException} with {@link FailureReason#SYNCTHING_PAIRING_FAILED}.
 */
final class SyncthingApi {
    static final String STATUS = "/rest/system/status";
    static final String VERSION = "/rest/system/version";
    static final String CONNECTIONS = "/rest/system/connections";
    static final String DEVICES = "/rest/config/devices";
    static final String FOLDERS = "/rest/config/folders";
    private static final Duration POLL = Duration.ofSeconds(1);

    private final SyncthingPairing plugin;
    private final ProvisioningContext ctx;

    SyncthingApi(SyncthingPairing plugin, ProvisioningContext ctx) {
        this.plugin = plugin;
        this.ctx = ctx;
    }

    /**
     * {@code GET /rest/system/status}, asked again every second while Syncthing is unavailable (a
     * service started a moment ago writes its config.xml and opens its API first), up to {@code wait}.
     */
    Map<String, Object> awaitStatus(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            SyncthingResponse r = ask(STATUS);
            if (r.available() || System.nanoTime() > deadline) {
                return object(STATUS, r);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return object(STATUS, r);
            }
        }
    }

    /**
     * {@code GET path}, asked once: the answer as it is, also when Syncthing is unavailable (then
     * {@link SyncthingResponse#problem()} says why). For a caller that must not wait.
     */
    SyncthingResponse ask(String path) {
        return plugin.syncthingApi(ctx, SyncthingRequest.get(path));
    }

    Map<String, Object> object(String path) {
        return object(path, call(SyncthingRequest.get(path)));
    }

    /**
     * {@code myID} of a {@code /rest/system/status} answer: eight groups of seven (lib/protocol's
     * DeviceID), checked loosely by length and alphabet.
     *
     * @throws StepFailedException when it has none
     */
    static String deviceId(Map<String, Object> systemStatus) {
        if (!(systemStatus.get("myID") instanceof String id) || !id.matches("[A-Z0-9-]{50,70}")) {
            throw failure("/rest/system/status has no device ID (myID)");
        }
        return id;
    }

    /** {@code version} of {@code /rest/system/version}, e.g. {@code v1.19.2} (empty when it has none). */
    String version() {
        Object version = object(VERSION).get("version");
        return version == null ? "" : version.toString();
    }

    /** The object at {@code path}; empty when Syncthing answers 404 (no such device or folder). */
    Optional<Map<String, Object>> find(String path) {
        SyncthingResponse r = call(SyncthingRequest.get(path));
        return r.status() == 404 ? Optional.empty() : Optional.of(object(path, r));
    }

    /** The JSON array at {@code path} (the device or folder list), its objects only. */
    List<Map<String, Object>> list(String path) {
        SyncthingResponse r = checked(SyncthingRequest.get(path), call(SyncthingRequest.get(path)));
        Object value;
        try {
            value = JsonObjects.parseValue("GET " + path, r.body());
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        if (value instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> object = (Map<String, Object>) m;
                    out.add(object);
                }
            }
            return out;
        }
        throw failure("GET " + path + ": not a JSON array");
    }

    void put(String path, Object body) {
        send(SyncthingRequest.put(path, JsonObjects.write(body)));
    }

    void patch(String path, Object body) {
        send(SyncthingRequest.patch(path, JsonObjects.write(body)));
    }

    void delete(String path) {
        send(SyncthingRequest.delete(path));
    }

    /** {@code PREFIX/ID}, the id percent-encoded. */
    static String item(String prefix, String id) {
        return prefix + "/" + encode(id);
    }

    /** {@code /rest/db/status?folder=ID}. */
    static String folderStatus(String folderId) {
        return "/rest/db/status?folder=" + encode(folderId);
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void send(SyncthingRequest request) {
        checked(request, call(request));
    }

    private SyncthingResponse call(SyncthingRequest request) {
        SyncthingResponse r = plugin.syncthingApi(ctx, request);
        if (!r.available()) {
            throw new StepFailedException(FailureReason.SYNCTHING_PAIRING_FAILED, r.problem(),
                    "Start Syncthing as " + ctx.host().user() + " on the host (mesh remote provision installs it and"
                            + " starts it as a service) and run this again.");
        }
        return r;
    }

    /** {@code r}, the answer to {@code GET path}, as a JSON object (asked again when it was unavailable, to fail with why). */
    Map<String, Object> object(String path, SyncthingResponse r) {
        checked(SyncthingRequest.get(path), r.available() ? r : call(SyncthingRequest.get(path)));
        try {
            return JsonObjects.parse("GET " + path, r.body());
        } catch (IllegalArgumentException e) {
            throw failure(e.getMessage());
        }
    }

    private SyncthingResponse checked(SyncthingRequest request, SyncthingResponse r) {
        if (!r.ok()) {
            String body = r.body().strip();
            throw failure(request + " answered HTTP " + r.status() + (body.isEmpty() ? "" : ": "
                    + ctx.redact(body.length() > 300 ? body.substring(0, 300) + "…" : body)));
        }
        return r;
    }

    private static StepFailedException failure(String detail) {
        return new StepFailedException(FailureReason.SYNCTHING_PAIRING_FAILED, detail);
    }
}
