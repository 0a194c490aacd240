package dev.mesh.core.authkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.authkey.HeadscaleCliOutput.User;
import java.time.Duration;
import java.util.List;
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
    void usersFromCliJsonAndRestJsonWithIdsAsNumbersOrStrings() throws Exception {
        assertEquals(Optional.of(List.of(new User("1", "mesh"), new User("22", "ops"))), HeadscaleCliOutput.users("users list", 
                "[\n {\"id\": 1, \"name\": \"mesh\", \"created_at\": {\"seconds\": 1}},\n {\"id\": 22, \"name\": \"ops\"}\n]"));
        assertEquals(Optional.of(List.of(new User("3", "mesh"))),
                HeadscaleCliOutput.users("users list", "{\"users\": [{\"id\": \"3\", \"name\": \"mesh\", \"createdAt\": \"2025-01-01T00:00:00Z\"}]}"));
        assertEquals(Optional.of(List.of()), HeadscaleCliOutput.users("users list", "[]"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.users("users list", "No users"));
    }

    @Test
    void usersSkipsEntriesWithoutAUsableId() throws Exception {
        assertEquals(Optional.of(List.of(new User("5", "b"))), HeadscaleCliOutput.users("users list", 
                "[{\"id\": \"x\", \"name\": \"a\"}, {\"name\": \"c\"}, {\"id\": 5, \"name\": \"b\"}]"));
    }

    @Test
    void keyFromJsonOfEachVersion() throws Exception {
        assertEquals(Optional.of(HEX_KEY), key(
                "{\n\t\"user\": \"mesh\",\n\t\"id\": \"7\",\n\t\"key\": \"" + HEX_KEY + "\",\n\t\"reusable\": true\n}\n"));
        assertEquals(Optional.of(HSKEY), key(
                "{\"user\": {\"id\": 1, \"name\": \"mesh\"}, \"id\": 7, \"key\": \"" + HSKEY + "\"}"));
        assertEquals(Optional.of(HSKEY), key("{\"preAuthKey\": {\"key\": \"" + HSKEY + "\"}}"));
    }

    @Test
    void keyAfterLogLinesAndFromPlainText() throws Exception {
        assertEquals(Optional.of(HEX_KEY), key(
                "2025-01-01T00:00:00Z WRN [config] deprecated option\n{\"key\": \"" + HEX_KEY + "\"}\n"));
        assertEquals(Optional.of(HEX_KEY), key(HEX_KEY + "\n"));
        assertEquals(Optional.of(HSKEY), key("\n" + HSKEY + "\n\n"));
    }

    @Test
    void noKeyInErrorsOrBrokenJson() throws Exception {
        assertEquals(Optional.empty(), key("{\"error\": \"user not found\"}"));
        assertEquals(Optional.empty(), key("{\"key\": \"" + HEX_KEY + "\", \"reusable\": "));
        assertEquals(Optional.empty(), key("Cannot create Pre Auth Key: user not found"));
        assertEquals(Optional.empty(), key(""));
    }

    @Test
    void errorFieldOfJsonErrorOutput() {
        assertEquals(Optional.of("strconv.ParseUint: parsing \"mesh\": invalid syntax"),
                HeadscaleCliOutput.error("{\n\t\"error\": \"strconv.ParseUint: parsing \\\"mesh\\\": invalid syntax\"\n}\n"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.error("{\"key\": \"x\"}"));
        assertEquals(Optional.empty(), HeadscaleCliOutput.error("Error: unknown flag: --x"));
    }

    @Test
    void keyIdFromJsonAsNumberOrString() throws Exception {
        assertEquals(Optional.of("7"), HeadscaleCliOutput.key("create", "{\"id\": 7, \"key\": \"" + HSKEY + "\"}")
                .orElseThrow().id());
        assertEquals(Optional.of("12"), HeadscaleCliOutput.key("create",
                "{\"preAuthKey\": {\"id\": \"12\", \"key\": \"" + HEX_KEY + "\"}}").orElseThrow().id());
        assertEquals(Optional.empty(), HeadscaleCliOutput.key("create", HEX_KEY).orElseThrow().id());
    }

    @Test
    void aKeyWithControlCharactersOrBlanksIsNoKey() throws Exception {
        assertEquals(Optional.empty(), key("{\"key\": \"0123456789abcdef\\u001b[2J0123\"}"));
        assertEquals(Optional.empty(), key("{\"key\": \"0123456789abcdef 0123\"}"));
        assertEquals(Optional.empty(), key("0123456789abcdef\u001b]52;c;eA==\u0007\n"));
    }

    @Test
    void anAnswerBeyondABoundIsUnexpectedOutputNamingTheBound() {
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> HeadscaleCliOutput.nodes("nodes list",
                "[".repeat(1000) + "]".repeat(1000)));
        assertEquals(AuthKeyException.Kind.UNEXPECTED_OUTPUT, e.kind());
        assertEquals("nodes list: answer nested deeper than 64 levels", e.getMessage());
    }

    private static Optional<String> key(String output) throws AuthKeyException {
        return HeadscaleCliOutput.key("preauthkeys create", output).map(HeadscaleCliOutput.CreatedKey::key);
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
