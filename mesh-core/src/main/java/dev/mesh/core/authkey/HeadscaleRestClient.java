package dev.mesh.core.authkey;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.authkey.HeadscaleCliOutput.CreatedKey;
import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import dev.mesh.core.json.JsonLimitException;
import dev.mesh.core.json.JsonObjects;
import dev.mesh.core.text.LiveSecrets;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headscale's REST API (grpc-gateway, camelCase JSON) with an API key as {@code Authorization:
 * Bearer}, through the JDK's HttpClient. Finds out which API it talks to once, at the first call:
 * <ul>
 *   <li>{@code GET /version} (0.27 and later, unauthenticated) gives the version;</li>
 *   <li>without it (0.22–0.26), {@code GET /api/v1/node} answering 404 means 0.22, whose API still
 *       says {@code /api/v1/machine}; any other answer means 0.23–0.26.</li>
 * </ul>
 * The user is looked up first ({@code GET /api/v1/user?name=} from 0.24, else the whole list,
 * filtered here), so an unknown user is reported before any key exists. {@code POST
 * /api/v1/preauthkey} then gets the user's name (up to 0.25) or numeric id as a string (0.26 on),
 * and always an RFC 3339 {@code expiration} (a missing one reads as already expired). For 0.23–0.26,
 * which cannot be told apart without {@code /version}, the name is sent first and, when the server
 * rejects it as not a number (0.26's uint64 field), the id is sent instead; a rejected request
 * creates nothing, so the retry cannot make two keys.
 *
 * <p>Keys are expired with {@code POST /api/v1/preauthkey/expire}: {@code {"user", "key"}} up to 0.27
 * (the user as for creating), {@code {"id"}} from 0.28 ({@code proto/headscale/v1/preauthkey.proto}).
 *
 * <p>The API key goes into the header only. Error bodies are quoted (shortened) only for requests
 * that produced no key. Every answer is read within {@link JsonObjects#MAX_CHARS} bytes and
 * {@code timeout} (headers and body together). A server that cannot be reached (refused, unknown
 * host, no route) is {@link Kind#UNREACHABLE}; one that does not answer in time {@link Kind#TIMED_OUT}.
 */
public final class HeadscaleRestClient implements HeadscaleClient {
    private static final Logger LOG = LoggerFactory.getLogger(HeadscaleRestClient.class);
    private static final HeadscaleVersion NODE_API = new HeadscaleVersion(0, 23, 0);
    private static final HeadscaleVersion USER_NAME_QUERY = new HeadscaleVersion(0, 24, 0);
    private static final int MAX_DETAIL = 300;

    private final URI base;
    private final Secret apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private Api api;

    /** What the server speaks: its version when it says so, and whether nodes are still "machines". */
    private record Api(Optional<HeadscaleVersion> version, boolean machines) {
    }

    private record Response(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * @param base    the server's URL, e.g. {@code https://headscale.example.com} (a path prefix is kept)
     * @param apiKey  from {@code headscale apikeys create}
     * @param timeout limit of each request
     */
    public HeadscaleRestClient(URI base, Secret apiKey, Duration timeout) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Secret create(KeyPolicy policy) throws AuthKeyException {
        return mint(policy).key();
    }

    @Override
    public MintedKey mint(KeyPolicy policy) throws AuthKeyException {
        Api a = api();
        User user = user(a, policy.user());
        String expiration = Instant.now().plus(policy.expiration()).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", null);
        body.put("reusable", policy.reusable());
        body.put("ephemeral", policy.ephemeral());
        body.put("expiration", expiration);
        body.put("aclTags", policy.tags());
        Response r = postAsUser(a, user, "/api/v1/preauthkey", body);
        if (!r.ok()) {
            throw failure("POST /api/v1/preauthkey", r);
        }
        Optional<CreatedKey> key = HeadscaleCliOutput.key("POST /api/v1/preauthkey", r.body());
        if (key.isEmpty()) {
            // the body is not quoted: it may hold a key in a shape we did not recognise
            throw new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "POST " + base + "/api/v1/preauthkey answered "
                    + r.status() + " without a recognisable key; check that mesh.headscale.url (MESH_HEADSCALE_URL)"
                    + " points at Headscale");
        }
        Secret secret = LiveSecrets.register(Secret.of(key.get().key()));
        LOG.debug("created a Headscale pre-auth key (id {}) for user {} over the REST API",
                key.get().id().orElse("unknown"), policy.user());
        return new MintedKey(secret, key.get().id(), user.name(), Optional.of(user.id()));
    }

    @Override
    public void expire(MintedKey key) throws AuthKeyException {
        Api a = api();
        String path = "/api/v1/preauthkey/expire";
        Response r;
        if (a.version().map(HeadscaleVersion::expiresById).orElse(false)) {
            String id = key.id().orElseThrow(() -> new AuthKeyException(Kind.UNEXPECTED_OUTPUT, "cannot expire "
                    + key.describe() + ": this Headscale expires keys by id, and it gave none when the key was made"));
            r = send(post(path, Map.of("id", id)), "POST " + path);
        } else {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user", null);
            body.put("key", key.key().reveal());
            User user = key.userId().isPresent() ? new User(key.userId().get(), key.user()) : user(a, key.user());
            r = postAsUser(a, user, path, body);
        }
        if (!r.ok()) {
            AuthKeyException f = failure("POST " + path, r);
            throw new AuthKeyException(f.kind(), "cannot expire " + key.describe() + ": " + f.getMessage());
        }
        LOG.debug("expired {} over the REST API", key.describe());
    }

    /**
     * POSTs {@code body} with its {@code user} set to the user's name (up to 0.25) or id (0.26 on). For
     * 0.23–0.26, which cannot be told apart, the name goes first and the id when the server rejects the
     * name as not a number: a rejected request changed nothing.
     */
    private Response postAsUser(Api a, User user, String path, Map<String, Object> body) throws AuthKeyException {
        boolean byId = a.version().map(HeadscaleVersion::takesUserId).orElse(false);
        body.put("user", byId ? user.id() : user.name());
        Response r = send(post(path, body), "POST " + path);
        if (r.status() == 400 && a.version().isEmpty() && !a.machines() && rejectsName(r)) {
            LOG.debug("the server wants a numeric user id (Headscale 0.26); sending id {}", user.id());
            body.put("user", user.id());
            r = send(post(path, body), "POST " + path);
        }
        return r;
    }

    @Override
    public List<HeadscaleNode> list() throws AuthKeyException {
        String path = api().machines() ? "/api/v1/machine" : "/api/v1/node";
        Response r = send(get(path, true), "GET " + path);
        if (!r.ok()) {
            throw failure("GET " + path, r);
        }
        return HeadscaleCliOutput.nodes("GET " + path, r.body()).orElseThrow(() -> new AuthKeyException(Kind.UNEXPECTED_OUTPUT,
                "GET " + base + path + " answered without a node list; check that mesh.headscale.url"
                        + " (MESH_HEADSCALE_URL) points at Headscale"));
    }

    /** {@code DELETE /api/v1/node/{id}} ({@code /api/v1/machine/{id}} on 0.22). */
    @Override
    public void delete(String id) throws AuthKeyException {
        if (!id.matches("[0-9]{1,20}")) {
            throw new IllegalArgumentException("a Headscale node id is digits");
        }
        String path = (api().machines() ? "/api/v1/machine/" : "/api/v1/node/") + id;
        Response r = send(request(path, true).DELETE().build(), "DELETE " + path);
        if (!r.ok()) {
            throw failure("DELETE " + path, r);
        }
    }

    /** The version {@code GET /version} gave (0.27 on); empty before, where only the API's shape is known. */
    @Override
    public Optional<String> serverVersion() throws AuthKeyException {
        Api a = api();
        return a.machines() ? Optional.empty() : a.version().map(HeadscaleVersion::toString);
    }

    private synchronized Api api() throws AuthKeyException {
        if (api != null) {
            return api;
        }
        Response version = send(get("/version", false), "GET /version");
        Optional<HeadscaleVersion> v = version.ok() ? HeadscaleVersion.parse(version.body()) : Optional.empty();
        if (v.isPresent()) {
            api = new Api(v, v.get().compareTo(NODE_API) < 0);
        } else {
            Response nodes = send(get("/api/v1/node", true), "GET /api/v1/node");
            if (nodes.status() == 404) {
                api = new Api(Optional.of(new HeadscaleVersion(0, 22, 0)), true);
            } else if (nodes.ok()) {
                api = new Api(Optional.empty(), false);
            } else {
                throw failure("GET /api/v1/node", nodes);
            }
        }
        LOG.debug("Headscale REST API: version {}, {} API", api.version().map(Object::toString).orElse("0.23-0.26"),
                api.machines() ? "machine" : "node");
        return api;
    }

    private User user(Api a, String name) throws AuthKeyException {
        boolean query = a.version().map(v -> v.compareTo(USER_NAME_QUERY) >= 0).orElse(false);
        String path = "/api/v1/user" + (query ? "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) : "");
        Response r = send(get(path, true), "GET " + path);
        if (!r.ok()) {
            throw failure("GET /api/v1/user", r);
        }
        List<User> users = HeadscaleCliOutput.users("GET /api/v1/user", r.body()).orElseThrow(() -> new AuthKeyException(
                Kind.UNEXPECTED_OUTPUT, "GET " + base + "/api/v1/user answered without a user list"));
        List<User> matches = users.stream().filter(u -> u.name().equals(name)).toList();
        if (matches.isEmpty()) {
            String known = query ? "" : " (users: " + (users.isEmpty() ? "none"
                    : users.stream().map(User::name).collect(Collectors.joining(", "))) + ")";
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has no user '" + name + "'" + known
                    + "; create it on the server (headscale users create " + name + ") or set mesh.headscale.user"
                    + " (MESH_HEADSCALE_USER)");
        }
        if (matches.size() > 1) {
            throw new AuthKeyException(Kind.UNKNOWN_USER, "Headscale has several users named '" + name
                    + "'; rename one so mesh.headscale.user is unambiguous");
        }
        return matches.get(0);
    }

    private HttpRequest post(String path, Map<String, Object> body) throws AuthKeyException {
        return request(path, true).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonObjects.write(body), StandardCharsets.UTF_8)).build();
    }

    private HttpRequest get(String path, boolean authenticated) throws AuthKeyException {
        return request(path, authenticated).GET().build();
    }

    private HttpRequest.Builder request(String path, boolean authenticated) throws AuthKeyException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (authenticated) {
            try {
                b.header("Authorization", "Bearer " + apiKey.reveal());
            } catch (IllegalArgumentException e) {
                // the JDK's message quotes the header value, i.e. the API key: not passed on
                throw new AuthKeyException(Kind.UNAUTHORIZED, "the API key cannot be sent in an HTTP header (it holds"
                        + " a control character or a blank); check MESH_HEADSCALE_API_KEY or"
                        + " mesh.headscale.api-key-file");
            }
        }
        return b;
    }

    /** Sends {@code request} and reads its answer, headers and body within {@code timeout}. */
    private Response send(HttpRequest request, String what) throws AuthKeyException {
        try {
            HttpResponse<String> r = http.sendAsync(request, BoundedBody.handler(what, JsonObjects.MAX_CHARS))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Response(r.statusCode(), r.body());
        } catch (TimeoutException e) {
            throw timedOut(what, e);
        } catch (ExecutionException e) {
            throw failed(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuthKeyException(Kind.UNREACHABLE, what + " at " + base + " was interrupted", e);
        }
    }

    private AuthKeyException timedOut(String what, Exception e) {
        return new AuthKeyException(Kind.TIMED_OUT, what + " at " + base + " got no answer within "
                + timeout.toSeconds() + "s; check that Headscale is running, or raise mesh.headscale.timeout"
                + " (MESH_HEADSCALE_TIMEOUT)", e);
    }

    /** What ended a request: too large an answer, a timeout, or a server that cannot be reached. */
    private AuthKeyException failed(String what, Throwable cause) {
        if (cause instanceof JsonLimitException limit) {
            return new AuthKeyException(Kind.UNEXPECTED_OUTPUT, limit.getMessage() + " (from " + base + ")", limit);
        }
        if (cause instanceof HttpTimeoutException t) {
            return timedOut(what, t);
        }
        String reason = cause instanceof ConnectException ? "connection refused or no route"
                : cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
                        ? "unknown host" : cause.getClass().getSimpleName();
        return new AuthKeyException(Kind.UNREACHABLE, "cannot reach the Headscale API at " + base + " (" + reason
                + "); check mesh.headscale.url (MESH_HEADSCALE_URL; empty means mesh.server-url) and that"
                + " Headscale is running", cause);
    }

    private AuthKeyException failure(String what, Response r) {
        if (r.status() == 401 || r.status() == 403) {
            return new AuthKeyException(Kind.UNAUTHORIZED, "Headscale refused the API key (" + what + " answered "
                    + r.status() + "): it is wrong, expired or revoked. Create one on the server with `headscale"
                    + " apikeys create` and set MESH_HEADSCALE_API_KEY or the file named by mesh.headscale.api-key-file"
                    + " (MESH_HEADSCALE_API_KEY_FILE)");
        }
        String detail = detail(r.body());
        if (detail.toLowerCase(Locale.ROOT).contains("user not found")
                || (what.startsWith("POST") && detail.toLowerCase(Locale.ROOT).contains("record not found"))) {
            return new AuthKeyException(Kind.UNKNOWN_USER, what + " answered " + r.status() + ": " + detail
                    + "; create the user on the server (headscale users create NAME) or set mesh.headscale.user"
                    + " (MESH_HEADSCALE_USER)");
        }
        String hint = r.status() == 404 ? "; check that mesh.headscale.url (MESH_HEADSCALE_URL) is Headscale's URL"
                : r.status() >= 500 ? "; see the Headscale server's log" : "";
        return new AuthKeyException(Kind.SERVER_ERROR, what + " at " + base + " answered " + r.status()
                + (detail.isEmpty() ? "" : ": " + detail) + hint);
    }

    /** 0.26 parses {@code user} as uint64: grpc-gateway answers 400 "invalid value for uint64 ...". */
    private static boolean rejectsName(Response r) {
        String text = r.body().toLowerCase(Locale.ROOT);
        return text.contains("uint64") || text.contains("parseuint") || text.contains("invalid value");
    }

    /** The {@code message} (grpc-gateway) or {@code error} field, else the body; one shortened line. */
    private static String detail(String body) {
        Optional<Object> json;
        try {
            json = JsonObjects.find("answer", body);
        } catch (IllegalArgumentException e) {
            json = Optional.empty();
        }
        String text = body;
        if (json.isPresent() && json.get() instanceof Map<?, ?> m) {
            Object message = m.get("message") != null ? m.get("message") : m.get("error");
            message = message instanceof String || message instanceof Number ? message : "";
            text = message == null ? "" : message.toString();
        }
        text = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }
}
