// Stands in for the Headscale REST API (juanfont/headscale 0.22-0.29, grpc-gateway behind an API-key check) in tests.
package dev.mesh.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mesh.core.json.JsonObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * An in-JVM HTTP server on 127.0.0.1 answering like Headscale's REST API of one version, with the
 * JSON shapes of that version. Shapes follow juanfont/headscale's proto/headscale/v1/*.proto
 * (machine.proto up to 0.22, node.proto from 0.23, user.proto, preauthkey.proto: in 0.26
 * {@code PreAuthKey.user} became a {@code User} message and {@code CreatePreAuthKeyRequest.user} a
 * {@code uint64}) rendered the way grpc-gateway v2 renders them: camelCase names, uint64 as JSON
 * strings, Timestamps as RFC 3339, unset fields emitted ({@code EmitUnpopulated}: false, [] and null
 * appear). See also reference/facts.md, Headscale section.
 * <ul>
 *   <li>{@code GET /version} only from 0.27 (unauthenticated); before, a plain 404 from the router;</li>
 *   <li>{@code /api/v1/*} without {@code Authorization: Bearer <key>} answers 401 "Unauthorized";</li>
 *   <li>{@code GET /api/v1/machine} on 0.22, {@code GET /api/v1/node} from 0.23; the other one is
 *       grpc-gateway's 404 {@code {"code":5,"message":"Not Found"}};</li>
 *   <li>{@code GET /api/v1/user?name=} filters from 0.24 (earlier the parameter is ignored);</li>
 *   <li>{@code POST /api/v1/preauthkey}: a user name up to 0.25, a numeric id from 0.26 (a name is
 *       rejected with 400 code 3 "invalid value for uint64 field user"); keys are 48 hex digits up
 *       to 0.27 and {@code hskey-auth-…} from 0.28; each key gets the next id from 7 on;</li>
 *   <li>{@code POST /api/v1/preauthkey/expire} (hscontrol/grpcv1.go ExpirePreAuthKey): up to 0.27
 *       {@code {"user", "key"}} (the user as for creating; an unknown key answers "AuthKey not found",
 *       another user's key "preauth key does not belong to user"), from 0.28 {@code {"id"}} (an
 *       unknown id expires nothing and answers {@code {}} all the same).</li>
 * </ul>
 * Modes imitate failures: {@link Mode#SERVER_ERROR} answers 500 everywhere under /api,
 * {@link Mode#USER_GONE_ON_CREATE} lists the user but answers the key request with 404
 * {@code {"code":5,"message":"user not found"}}.
 */
public final class FakeHeadscaleApi implements AutoCloseable {
    /** The key this double hands out up to 0.27. */
    public static final String HEX_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef";
    /** The key this double hands out from 0.28. */
    public static final String HSKEY = "hskey-auth-AbCdEfGhIjKl-0123456789abcdef0123456789abcdef0123456789abcdef01234567";

    /** Failure behaviours. */
    public enum Mode { NORMAL, SERVER_ERROR, USER_GONE_ON_CREATE }

    /** One request as received; the Authorization header is not kept. */
    public record Request(String method, String path, String query, String body) {
    }

    /** A node this Headscale lists; {@code expiry} RFC 3339, or Go's zero time for none. */
    public record Node(String id, String name, String givenName, List<String> ips, boolean online, String expiry) {
        public Node(String id, String name, String givenName, List<String> ips, boolean online) {
            this(id, name, givenName, ips, online, "0001-01-01T00:00:00Z");
        }
    }

    /** A key this Headscale made, and whether it was expired since. */
    public record Key(String id, String userId, String key, boolean expired) {
    }

    private final HttpServer server;
    private final int minor;
    private final String version;
    private final String apiKey;
    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<Node> nodes = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Key> keys = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.NORMAL;

    /** Starts a server imitating Headscale {@code version} (e.g. "0.26.0") that accepts {@code apiKey}. */
    public FakeHeadscaleApi(String version, String apiKey) {
        this.version = version;
        this.minor = Integer.parseInt(version.split("\\.")[1]);
        this.apiKey = apiKey;
        users.put("1", "mesh");
        users.put("2", "ops");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public FakeHeadscaleApi mode(Mode m) {
        this.mode = m;
        return this;
    }

    public FakeHeadscaleApi addNode(Node node) {
        nodes.add(node);
        return this;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The keys made so far, with their state. */
    public List<Key> keys() {
        return List.copyOf(keys);
    }

    /** The bodies of the key requests, parsed. */
    public List<Map<String, Object>> keyRequests() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/preauthkey"))
                .map(r -> JsonObjects.parse(r.body())).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(method, path, query == null ? "" : query, body));
        if (path.equals("/version")) {
            if (minor >= 27) { // hscontrol/handlers.go VersionHandler (0.27+): JSON, no API key needed
                send(ex, 200, "{\"version\":\"v" + version + "\",\"commit\":\"0123abc\",\"buildTime\":"
                        + "\"2026-01-01T00:00:00Z\",\"go\":{\"version\":\"go1.24.2\",\"os\":\"linux\",\"arch\":\"amd64\"},"
                        + "\"dirty\":false}");
            } else {
                sendText(ex, 404, "404 page not found\n");
            }
            return;
        }
        if (!path.startsWith("/api/v1/")) {
            sendText(ex, 404, "404 page not found\n");
            return;
        }
        if (!("Bearer " + apiKey).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            sendText(ex, 401, "Unauthorized"); // the API-key middleware's answer
            return;
        }
        if (mode == Mode.SERVER_ERROR) {
            send(ex, 500, "{\"code\":2,\"message\":\"failed to open database: database is locked\",\"details\":[]}");
            return;
        }
        String route = method + " " + path;
        if (route.equals("GET /api/v1/machine") && minor <= 22) {
            send(ex, 200, "{\"machines\":[" + nodes.stream().map(this::node).collect(Collectors.joining(",")) + "]}");
        } else if (route.equals("GET /api/v1/node") && minor >= 23) {
            send(ex, 200, "{\"nodes\":[" + nodes.stream().map(this::node).collect(Collectors.joining(",")) + "]}");
        } else if (route.equals("GET /api/v1/user")) {
            String name = minor >= 24 ? param(query, "name") : null;
            send(ex, 200, "{\"users\":[" + users.entrySet().stream()
                    .filter(u -> name == null || u.getValue().equals(name))
                    .map(u -> user(u.getKey(), u.getValue())).collect(Collectors.joining(",")) + "]}");
        } else if (route.equals("POST /api/v1/preauthkey")) {
            createKey(ex, JsonObjects.parse(body));
        } else if (route.equals("POST /api/v1/preauthkey/expire")) {
            expireKey(ex, JsonObjects.parse(body));
        } else {
            send(ex, 404, "{\"code\":5,\"message\":\"Not Found\",\"details\":[]}");
        }
    }

    private void createKey(HttpExchange ex, Map<String, Object> req) throws IOException {
        String given = String.valueOf(req.get("user"));
        String id;
        String name;
        if (minor >= 26) {
            if (!given.matches("[0-9]+")) {
                send(ex, 400, "{\"code\":3,\"message\":\"proto: (line 1:9): invalid value for uint64 field user:"
                        + " \\\"" + given + "\\\"\",\"details\":[]}");
                return;
            }
            id = given;
            name = users.get(given);
        } else {
            name = users.containsValue(given) ? given : null;
            id = users.entrySet().stream().filter(e -> e.getValue().equals(given)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }
        if (name == null || mode == Mode.USER_GONE_ON_CREATE) {
            send(ex, 404, "{\"code\":5,\"message\":\"user not found\",\"details\":[]}");
            return;
        }
        // a request without expiration creates a key that is already expired (facts.md); show it as such
        Object expiration = req.getOrDefault("expiration", "0001-01-01T00:00:00Z");
        String tags = req.get("aclTags") instanceof List<?> l
                ? l.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",")) : "";
        String owner = minor >= 26 ? user(id, name) : "\"" + name + "\"";
        String keyId = String.valueOf(7 + keys.size());
        keys.add(new Key(keyId, id, minor >= 28 ? HSKEY : HEX_KEY, false));
        send(ex, 200, "{\"preAuthKey\":{\"user\":" + owner + ",\"id\":\"" + keyId + "\",\"key\":\""
                + (minor >= 28 ? HSKEY : HEX_KEY) + "\",\"reusable\":" + Boolean.TRUE.equals(req.get("reusable"))
                + ",\"ephemeral\":" + Boolean.TRUE.equals(req.get("ephemeral")) + ",\"used\":false,\"expiration\":\""
                + expiration + "\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"aclTags\":[" + tags + "]}}");
    }

    private void expireKey(HttpExchange ex, Map<String, Object> req) throws IOException {
        if (minor >= 28) { // ExpirePreAuthKeyRequest{uint64 id}: protojson refuses an unknown field
            if (req.containsKey("key") || req.containsKey("user")) {
                send(ex, 400, "{\"code\":3,\"message\":\"proto: unknown field\",\"details\":[]}");
                return;
            }
            String id = String.valueOf(req.get("id"));
            keys.replaceAll(k -> k.id().equals(id) ? new Key(k.id(), k.userId(), k.key(), true) : k);
            send(ex, 200, "{}");
            return;
        }
        String given = String.valueOf(req.get("user"));
        if (minor >= 26 && !given.matches("[0-9]+")) {
            send(ex, 400, "{\"code\":3,\"message\":\"proto: invalid value for uint64 field user\",\"details\":[]}");
            return;
        }
        // this double hands out one key value again and again (real keys are unique): a still valid one is meant
        Key key = keys.stream().filter(k -> k.key().equals(req.get("key")))
                .min(java.util.Comparator.comparing(Key::expired)).orElse(null);
        if (key == null) {
            send(ex, 500, "{\"code\":2,\"message\":\"AuthKey not found\",\"details\":[]}");
            return;
        }
        String owner = minor >= 26 ? key.userId() : users.get(key.userId());
        if (!owner.equals(given)) {
            send(ex, 500, "{\"code\":2,\"message\":\"preauth key does not belong to user\",\"details\":[]}");
            return;
        }
        keys.replaceAll(k -> k == key ? new Key(k.id(), k.userId(), k.key(), true) : k);
        send(ex, 200, "{}");
    }

    /** user.proto: id string up to 0.23, uint64 (a JSON string) with OIDC fields from 0.24. */
    private String user(String id, String name) {
        String base = "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"createdAt\":\"2023-11-14T22:13:20Z\"";
        return minor >= 24 ? base + ",\"displayName\":\"\",\"email\":\"\",\"providerId\":\"\",\"provider\":\"\","
                + "\"profilePicUrl\":\"\"}" : base + "}";
    }

    /** machine.proto (0.22) / node.proto (0.23+; route fields from 0.26). */
    private String node(Node n) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + n.id() + "\",\"machineKey\":\"mkey:00ff\",\"nodeKey\":"
                + "\"nodekey:00ff\",\"discoKey\":\"discokey:00ff\",\"ipAddresses\":["
                + n.ips().stream().map(ip -> "\"" + ip + "\"").collect(Collectors.joining(",")) + "],\"name\":\""
                + n.name() + "\",\"user\":" + user("1", "mesh") + ",\"lastSeen\":\"2026-01-01T00:00:00Z\",");
        if (minor <= 22) {
            b.append("\"lastSuccessfulUpdate\":null,");
        }
        b.append("\"expiry\":\"" + n.expiry() + "\",\"preAuthKey\":null,\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"registerMethod\":\"REGISTER_METHOD_AUTH_KEY\",\"forcedTags\":[],\"invalidTags\":[],"
                + "\"validTags\":[],\"givenName\":\"" + n.givenName() + "\",\"online\":" + n.online());
        if (minor >= 26) {
            b.append(",\"approvedRoutes\":[],\"availableRoutes\":[],\"subnetRoutes\":[]");
        }
        return b.append('}').toString();
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        write(ex, status, json);
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        write(ex, status, text);
    }

    private static void write(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
