package dev.mesh.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostSpecTest {
    @ParameterizedTest
    @CsvSource({
        "steve@office-one.local, steve, office-one.local",
        "office-one.local, , office-one.local",
        "root@10.0.0.56, root, 10.0.0.56",
        "10.0.0.56, , 10.0.0.56",
        "deploy@[fd7a:115c:a1e0::1], deploy, fd7a:115c:a1e0::1",
        "::1, , ::1",
        "my_alias, , my_alias",
        "DOMAIN\\user@host, DOMAIN\\user, host",
    })
    void parsesValidHosts(String text, String user, String host) {
        HostSpec spec = HostSpec.parse(text);
        assertEquals(Optional.ofNullable(user), spec.user());
        assertEquals(host, spec.host());
    }

    @Test
    void keepsTheWholeIpAddressUnlikeTheSeed() {
        // the seed turned user@10.0.0.56 into "10"
        assertEquals("10.0.0.56", HostSpec.parse("user@10.0.0.56").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "host:22", "bad host", "-rf", "a..b", "300.1.1.1", "@host", "us er@host",
        "[not-v6]", "host;reboot", "$(id)", "x\ny"})
    void rejectsBadHostsWithAMessage(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HostSpec.parse(text));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void hostColonPortPointsToTheFlag() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HostSpec.parse("host:2222"));
        assertTrue(e.getMessage().contains("--port"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 65536, 100000})
    void rejectsPortsOutOfRange(int port) {
        assertThrows(InvalidInputException.class, () -> HostSpec.checkPort(port));
    }

    @Test
    void acceptsPortsInRange() {
        assertEquals(2222, HostSpec.checkPort(2222));
    }
}
