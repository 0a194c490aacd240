package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.core.testing.FakeHeadscaleApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * issue 8 §3: a key mesh minted can be expired again through every source, the way each Headscale
 * version wants it: up to 0.27 by user (name up to 0.25, id in 0.26-0.27) and key, from 0.28 by id.
 */
class HeadscaleExpireTest {
    private static final String API_KEY = "apikey-0123456789.abcdef0123456789abcdef0123456789";
    private static final KeyPolicy POLICY = new KeyPolicy("ops", true, false, Duration.ofHours(24), List.of());

    @TempDir
    Path dir;

    private static int minor(String version) {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.0", "0.27.1", "0.28.0", "0.29.0"})
    void theCliExpiresTheKeyItMintedTheWayThisVersionWants(String version) throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, version);
        HeadscaleCliKeySource source = hs.source();
        MintedKey key = source.mint(POLICY);
        assertEquals(Optional.of("7"), key.id(), "the id from -o json is kept");
        source.expire(key);

        String expire = hs.calls().stream().filter(l -> l.startsWith("preauthkeys expire")).findFirst().orElseThrow();
        if (minor(version) >= 28) {
            assertEquals("preauthkeys expire --id 7", expire);
        } else {
            assertEquals("preauthkeys expire --user " + (minor(version) >= 26 ? "2" : "ops") + " "
                    + key.key().reveal(), expire, "0.27 and older take the key only as an argument");
        }
        assertEquals(List.of("7 2 ops " + key.key().reveal() + " 1"), Files.readAllLines(Path.of(hs.record + ".keys")),
                "the double marked the key expired");
        assertEquals(1, hs.calls().stream().filter(l -> l.startsWith("version")).count(), "version asked once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.22.3", "0.23.0", "0.25.1", "0.26.0", "0.28.0", "0.29.0"})
    void theRestApiExpiresTheKeyItMintedTheWayThisVersionWants(String version) throws Exception {
        try (FakeHeadscaleApi api = new FakeHeadscaleApi(version, API_KEY)) {
            HeadscaleRestClient client = new HeadscaleRestClient(api.url(), Secret.of(API_KEY), Duration.ofSeconds(5));
            MintedKey key = client.mint(POLICY);
            assertEquals(Optional.of("7"), key.id());
            client.expire(key);

            assertEquals(List.of(new FakeHeadscaleApi.Key("7", "2", key.key().reveal(), true)), api.keys());
            FakeHeadscaleApi.Request last = api.requests().get(api.requests().size() - 1);
            assertEquals("/api/v1/preauthkey/expire", last.path());
            Map<String, Object> body = dev.mesh.core.json.JsonObjects.parse(last.body());
            if (minor(version) >= 28) {
                assertEquals(Map.of("id", "7"), body);
            } else {
                assertEquals(Map.of("user", minor(version) >= 26 ? "2" : "ops", "key", key.key().reveal()), body);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.26.0", "0.28.0"})
    void aKeyThatCannotBeExpiredIsNamedByItsIdNeverItsValue(String version) throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, version);
        HeadscaleCliKeySource source = hs.source();
        MintedKey minted = source.mint(POLICY);
        MintedKey unknown = new MintedKey(Secret.of("ffffffffffffffffffffffffffffffffffffffffffffffff"),
                Optional.empty(), "ops", Optional.of("2"));
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> source.expire(unknown));
        assertFalse(e.getMessage().contains("ffffffffffffffff"), e.getMessage());
        if (minor(version) >= 28) {
            assertTrue(e.getMessage().contains("a pre-auth key of user ops (Headscale gave no id)"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("AuthKey not found"), e.getMessage());
        }
        assertEquals("pre-auth key id 7 of user ops", minted.describe());
        assertFalse(minted.toString().contains(minted.key().reveal()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.25.1", "0.28.0"})
    void expiringThroughAnUnreachableServerIsUnreachable(String version) throws Exception {
        FakeHeadscale hs = new FakeHeadscale(dir, version);
        MintedKey key = hs.source().mint(POLICY);
        HeadscaleCliKeySource down = new FakeHeadscale(dir, version).with("FAKE_HEADSCALE_MODE", "down").source();
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> down.expire(key));
        assertTrue(e.unreachable(), e.kind() + ": " + e.getMessage());
        assertFalse(e.getMessage().contains(key.key().reveal()), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.23.0", "0.28.0"})
    void theRestApiNamesAnUnknownKeyByItsDescription(String version) throws Exception {
        try (FakeHeadscaleApi api = new FakeHeadscaleApi(version, API_KEY)) {
            HeadscaleRestClient client = new HeadscaleRestClient(URI.create(api.url().toString()), Secret.of(API_KEY),
                    Duration.ofSeconds(5));
            client.mint(POLICY);
            MintedKey stranger = new MintedKey(Secret.of("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"),
                    Optional.of("99"), "ops", Optional.of("2"));
            if (minor(version) >= 28) {
                client.expire(stranger); // Headscale 0.28 expires by id; an unknown id changes nothing
                assertFalse(api.keys().get(0).expired());
            } else {
                AuthKeyException e = assertThrows(AuthKeyException.class, () -> client.expire(stranger));
                assertTrue(e.getMessage().startsWith("cannot expire pre-auth key id 99 of user ops:"), e.getMessage());
                assertTrue(e.getMessage().contains("AuthKey not found"), e.getMessage());
                assertFalse(e.getMessage().contains("eeeeeeee"), e.getMessage());
            }
        }
    }
}
