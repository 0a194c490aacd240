package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.core.authkey.AuthKeyException.Kind;
import dev.mesh.core.testing.FakeHeadscaleApi;
import dev.mesh.core.testing.FakeHeadscaleApi.Mode;
import dev.mesh.core.testing.FakeHeadscaleApi.Node;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The REST client against the REST double, per Headscale version and failure. */
class HeadscaleRestClientTest {
    private static final String API_KEY = "apikey-0123456789abcdef.0123456789abcdef0123456789abcdef";
    private static final KeyPolicy POLICY = new KeyPolicy("mesh", true, false, Duration.ofHours(24), List.of("tag:web"));

    private FakeHeadscaleApi api;

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    private HeadscaleRestClient client(String version, String key) {
        api = new FakeHeadscaleApi(version, API_KEY);
        return new HeadscaleRestClient(api.url(), Secret.of(key), Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.1", "0.28.0", "0.29.0"})
    void everyVersionGivesAKeyWithExpirationAndTheUserAsItWantsIt(String version) throws Exception {
        HeadscaleRestClient client = client(version, API_KEY);
        Instant before = Instant.now();
        Secret key = client.create(POLICY);

        int minor = Integer.parseInt(version.split("\\.")[1]);
        assertEquals(minor >= 28 ? FakeHeadscaleApi.HSKEY : FakeHeadscaleApi.HEX_KEY, key.reveal());
        Map<String, Object> sent = api.keyRequests().get(api.keyRequests().size() - 1);
        assertEquals(minor >= 26 ? "1" : "mesh", sent.get("user"), "user as " + version + " wants it");
        assertEquals(true, sent.get("reusable"));
        assertEquals(false, sent.get("ephemeral"));
        assertEquals(List.of("tag:web"), sent.get("aclTags"));
        Instant expires = OffsetDateTime.parse((String) sent.get("expiration")).toInstant();
        assertTrue(expires.isAfter(before.plus(Duration.ofHours(23))) && expires.isBefore(before.plus(Duration.ofHours(25))),
                "expiration about 24h ahead: " + expires);
        boolean nameQuery = api.requests().stream().anyMatch(r -> r.path().equals("/api/v1/user") && r.query().equals("name=mesh"));
        assertEquals(minor >= 27, nameQuery, "?name= only where the version is known to honour it");
    }

    @Test
    void headscale026WithoutVersionEndpointIsFoundByTheRejectedNameAndGetsTheId() throws Exception {
        HeadscaleRestClient client = client("0.26.1", API_KEY);
        client.create(POLICY);
        List<Object> users = api.keyRequests().stream().map(r -> r.get("user")).toList();
        assertEquals(List.of("mesh", "1"), users, "name first, then the id after the uint64 rejection");
    }

    @Test
    void headscale022IsDetectedByTheMissingNodeApiAndListsMachines() throws Exception {
        HeadscaleRestClient client = client("0.22.3", API_KEY);
        api.addNode(new Node("3", "web1", "web1", List.of("100.64.0.7", "fd7a:115c:a1e0::7"), true));
        List<HeadscaleNode> nodes = client.list();
        assertEquals(1, nodes.size());
        HeadscaleNode n = nodes.get(0);
        assertEquals("3", n.id());
        assertEquals("100.64.0.7", n.ipv4());
        assertTrue(n.online() && n.isNamed("WEB1.lan") && n.hasAddress("100.64.0.7"));
        assertEquals("mesh", n.user());
        assertTrue(n.lastSeen().isPresent());
        assertTrue(api.requests().stream().anyMatch(r -> r.path().equals("/api/v1/machine")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.23.0", "0.26.1", "0.29.0"})
    void nodesAreListedFromTheNodeApi(String version) throws Exception {
        HeadscaleRestClient client = client(version, API_KEY);
        api.addNode(new Node("9", "Steves-Laptop", "steves-laptop", List.of("100.64.0.9"), false));
        HeadscaleNode n = client.list().get(0);
        assertEquals("steves-laptop", n.givenName());
        assertFalse(n.online());
        assertTrue(api.requests().stream().noneMatch(r -> r.path().equals("/api/v1/machine")));
    }

    @Test
    void aBadApiKeyNamesBothPlacesAKeyComesFromAndNeverTheKey() {
        HeadscaleRestClient client = client("0.28.0", "wrong-key-abcdef");
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> client.create(POLICY));
        assertEquals(Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("MESH_HEADSCALE_API_KEY") && e.getMessage().contains("mesh.headscale.api-key-file"),
                e.getMessage());
        assertFalse(e.getMessage().contains("wrong-key-abcdef"));
        assertTrue(api.keyRequests().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.25.1", "0.28.0"})
    void anUnknownUserIsReportedBeforeAnyKeyIsRequested(String version) {
        HeadscaleRestClient client = client(version, API_KEY);
        AuthKeyException e = assertThrows(AuthKeyException.class,
                () -> client.create(new KeyPolicy("nobody", true, false, Duration.ofHours(1), List.of())));
        assertEquals(Kind.UNKNOWN_USER, e.kind());
        assertTrue(e.getMessage().contains("'nobody'") && e.getMessage().contains("mesh.headscale.user"), e.getMessage());
        assertTrue(api.keyRequests().isEmpty());
    }

    @Test
    void aUserNotFoundAnswerToTheKeyRequestIsAnUnknownUser() {
        HeadscaleRestClient client = client("0.29.0", API_KEY);
        api.mode(Mode.USER_GONE_ON_CREATE);
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> client.create(POLICY));
        assertEquals(Kind.UNKNOWN_USER, e.kind());
        assertTrue(e.getMessage().contains("404") && e.getMessage().contains("mesh.headscale.user"), e.getMessage());
    }

    @Test
    void aServerErrorIsQuotedWithItsStatus() {
        HeadscaleRestClient client = client("0.28.0", API_KEY);
        api.mode(Mode.SERVER_ERROR);
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> client.create(POLICY));
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertTrue(e.getMessage().contains("500") && e.getMessage().contains("database is locked"), e.getMessage());
    }

    @Test
    void anUnreachableServerNamesTheUrlSetting() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        HeadscaleRestClient client = new HeadscaleRestClient(URI.create("http://127.0.0.1:" + port),
                Secret.of(API_KEY), Duration.ofSeconds(2));
        AuthKeyException e = assertThrows(AuthKeyException.class, client::list);
        assertEquals(Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().contains("mesh.headscale.url") && e.getMessage().contains("mesh.server-url"),
                e.getMessage());
    }
}
