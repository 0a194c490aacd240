package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsers for what the headscale CLI prints, across versions. */
class HeadscaleCliOutputTest {
    private static final String HEX_KEY = "0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String HSKEY = "hskey-auth-AbCdEfGhIjKl-" + "0123456789abcdef".repeat(4);

    @Test
    void versionFromEveryKnownShape() {
        assertEquals(Optional.of(new HeadscaleVersion(0, 25, 1)), HeadscaleVersion.parse("v0.25.1\n"));
        assertEquals(Optional.of(new HeadscaleVersion(0, 23, 0)), HeadscaleVersion.parse("0.23.0"));
        assertEquals(Optional.of(new HeadscaleVersion(0, 28, 0)), HeadscaleVersion.parse(
                "headscale version v0.28.0-beta.1\ncommit: 0123abc\nbuilt with: go1.24.2 linux/amd64\n"));
        assertEquals(Optional.of(new HeadscaleVersion(0, 26, 1)),
                HeadscaleVersion.parse("{\n\t\"version\": \"v0.26.1\",\n\t\"commit\": \"abc\"\n}"));
        assertEquals(Optional.of(new HeadscaleVersion(0, 27, 0)), HeadscaleVersion.parse("v0.27"));
    }

    @Test
    void versionOfADevBuildIsUnknownAndGoVersionsAreNotMistakenForIt() {
        assertEquals(Optional.empty(), HeadscaleVersion.parse("dev\n"));
        assertEquals(Optional.empty(), HeadscaleVersion.parse(
                "headscale version dev\ncommit: unknown\nbuilt with: go1.24.2 linux/amd64\n"));
    }

    @Test
    void numericUserIdsStartWith026() {
        assertFalse(new HeadscaleVersion(0, 25, 9).takesUserId());
        assertTrue(new HeadscaleVersion(0, 26, 0).takesUserId());
        assertTrue(new HeadscaleVersion(0, 28, 0).takesUserId());
        assertTrue(new HeadscaleVersion(1, 0, 0).takesUserId());
    }

    @Test
    void usersFromCliJsonAndRestJsonWithIdsAsNumbersOrStrings() {
        assertEquals(Optional.of(List.of(new User("1", "mesh"), new User("22", "ops"))), HeadscaleCliOutput.users(
                "[\n {\"id\": 1, \"name\": \"mesh\", \"created_at\": {\"seconds\": 1}},\n {\"id\": 22, \"name\": \"ops\"}\n]"));
        assertEquals(Optional.of(List.of(new User("3", "mesh"))),
                HeadscaleCliOutput.users("{\"users\": [{\"id\": \"3\", \"name\": \"mesh\", \"createdAt\": \"2025-01-01T00:00:00Z\"}]}"));
        assertEquals(Optional.of(List.of()), HeadscaleCliOutput.users("[]"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.users("No users"));
    }

    @Test
    void usersSkipsEntriesWithoutAUsableId() {
        assertEquals(Optional.of(List.of(new User("5", "b"))), HeadscaleCliOutput.users(
                "[{\"id\": \"x\", \"name\": \"a\"}, {\"name\": \"c\"}, {\"id\": 5, \"name\": \"b\"}]"));
    }

    @Test
    void keyFromJsonOfEachVersion() {
        assertEquals(Optional.of(HEX_KEY), HeadscaleCliOutput.key(
                "{\n\t\"user\": \"mesh\",\n\t\"id\": \"7\",\n\t\"key\": \"" + HEX_KEY + "\",\n\t\"reusable\": true\n}\n"));
        assertEquals(Optional.of(HSKEY), HeadscaleCliOutput.key(
                "{\"user\": {\"id\": 1, \"name\": \"mesh\"}, \"id\": 7, \"key\": \"" + HSKEY + "\"}"));
        assertEquals(Optional.of(HSKEY), HeadscaleCliOutput.key("{\"preAuthKey\": {\"key\": \"" + HSKEY + "\"}}"));
    }

    @Test
    void keyAfterLogLinesAndFromPlainText() {
        assertEquals(Optional.of(HEX_KEY), HeadscaleCliOutput.key(
                "2025-01-01T00:00:00Z WRN [config] deprecated option\n{\"key\": \"" + HEX_KEY + "\"}\n"));
        assertEquals(Optional.of(HEX_KEY), HeadscaleCliOutput.key(HEX_KEY + "\n"));
        assertEquals(Optional.of(HSKEY), HeadscaleCliOutput.key("\n" + HSKEY + "\n\n"));
    }

    @Test
    void noKeyInErrorsOrBrokenJson() {
        assertEquals(Optional.empty(), HeadscaleCliOutput.key("{\"error\": \"user not found\"}"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.key("{\"key\": \"" + HEX_KEY + "\", \"reusable\": "));
        assertEquals(Optional.empty(), HeadscaleCliOutput.key("Cannot create Pre Auth Key: user not found"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.key(""));
    }

    @Test
    void errorFieldOfJsonErrorOutput() {
        assertEquals(Optional.of("strconv.ParseUint: parsing \"mesh\": invalid syntax"),
                HeadscaleCliOutput.error("{\n\t\"error\": \"strconv.ParseUint: parsing \\\"mesh\\\": invalid syntax\"\n}\n"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.error("{\"key\": \"x\"}"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.error("Error: unknown flag: --x"));
    }

    @Test
    void jsonTextReturnsPlainJavaValues() {
        assertEquals(Optional.of(Map.of("a", List.of(1, "b", true))), JsonText.parse("{\"a\": [1, \"b\", true]}"));
        assertEquals(Optional.empty(), JsonText.parse("not json"));
    }

    @Test
    void expirationInAFormEveryCliVersionParses() {
        assertEquals("24h", GoDuration.format(Duration.ofHours(24)));
        assertEquals("2160h", GoDuration.format(Duration.ofDays(90)));
        assertEquals("30m", GoDuration.format(Duration.ofMinutes(30)));
        assertEquals("1h30m", GoDuration.format(Duration.ofMinutes(90)));
        assertEquals("1h1s", GoDuration.format(Duration.ofSeconds(3601)));
        assertEquals("45s", GoDuration.format(Duration.ofMillis(45_900)));
        assertThrows(IllegalArgumentException.class, () -> GoDuration.format(Duration.ofMillis(999)));
    }
}
