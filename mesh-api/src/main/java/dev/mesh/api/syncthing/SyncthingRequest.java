package dev.mesh.api.syncthing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One request to Syncthing's REST API (docs.syncthing.net, "REST API"): a method, a path under
 * {@code /rest/} and, for PUT and PATCH, a JSON body. Only the endpoints pairing needs can be built
 * ({@link #ENDPOINTS}); in particular never {@code /rest/config} or {@code /rest/config/gui}, whose
 * answers hold the API key, so no answer a plugin returns can carry the key back to mesh.
 */
public final class SyncthingRequest {
    /** The HTTP methods pairing uses. */
    public enum Method { GET, PUT, PATCH, DELETE }

    /**
     * The endpoints a request may name, each alone, followed by {@code /ID} or by {@code ?QUERY}:
     * the device id ({@code myID}), version, connections, device and folder configuration, folder
     * status. Present from Syncthing 1.12 (the {@code /rest/config} family) to 2.x.
     */
    public static final List<String> ENDPOINTS = List.of("/rest/system/status", "/rest/system/version",
            "/rest/system/connections", "/rest/config/devices", "/rest/config/folders", "/rest/db/status");
    /** Characters a path may hold: IDs and queries are percent-encoded by the caller. */
    private static final Pattern PATH = Pattern.compile("/rest/[A-Za-z0-9._~%/?=&-]*");

    private final Method method;
    private final String path;
    private final String body;

    private SyncthingRequest(Method method, String path, String body) {
        this.method = method;
        this.path = checked(path);
        this.body = Objects.requireNonNull(body, "body");
    }

    public static SyncthingRequest get(String path) {
        return new SyncthingRequest(Method.GET, path, "");
    }

    public static SyncthingRequest delete(String path) {
        return new SyncthingRequest(Method.DELETE, path, "");
    }

    /** PUT: creates or replaces the object at {@code path} (Syncthing fills in defaults for what {@code json} leaves out). */
    public static SyncthingRequest put(String path, String json) {
        return new SyncthingRequest(Method.PUT, path, json);
    }

    /** PATCH: changes only the fields {@code json} names. */
    public static SyncthingRequest patch(String path, String json) {
        return new SyncthingRequest(Method.PATCH, path, json);
    }

    private static String checked(String path) {
        if (!PATH.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("not a Syncthing REST path mesh may use: " + path);
        }
        String endpoint = path.split("\\?", 2)[0];
        boolean known = ENDPOINTS.stream().anyMatch(e -> endpoint.equals(e)
                || endpoint.startsWith(e + "/") && endpoint.indexOf('/', e.length() + 1) < 0);
        if (!known) {
            throw new IllegalArgumentException("not a Syncthing REST path mesh may use: " + path);
        }
        return path;
    }

    public Method method() {
        return method;
    }

    /** The path with its query, e.g. {@code /rest/db/status?folder=shared}. */
    public String path() {
        return path;
    }

    /** The JSON body; empty for GET and DELETE. */
    public String body() {
        return body;
    }

    public boolean hasBody() {
        return !body.isEmpty();
    }

    /** The body as UTF-8, for a command's standard input. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
