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
        "user@corp.example@host, user@corp.example, host",
        "ssh://office-one.local, , office-one.local",
        "ssh://steve@office-one.local/, steve, office-one.local",
        "SSH://steve@[fd7a:115c:a1e0::1], steve, fd7a:115c:a1e0::1",
        "ssh://user%40corp.example@host, user@corp.example, host",
        "ssh://steve;fingerprint=SHA256-x@host, steve, host",
    })
    void parsesValidHosts(String text, String user, String host) {
        HostSpec spec = HostSpec.parse(text);
        assertEquals(Optional.ofNullable(user), spec.user());
        assertEquals(host, spec.host());
    }

    @Test
    void anSshUriCarriesThePort() {
        assertEquals(new HostSpec(Optional.of("steve"), "10.0.0.5", Optional.of(2222)),
                HostSpec.parse("ssh://steve@10.0.0.5:2222"));
        assertEquals(new HostSpec(Optional.empty(), "::1", Optional.of(2222)), HostSpec.parse("ssh://[::1]:2222"));
        assertEquals(Optional.empty(), HostSpec.parse("steve@host").port());
    }

    @ParameterizedTest
    @CsvSource({
        "jump.example, , jump.example, ",
        "ops@jump.example:2200, ops, jump.example, 2200",
        "ops@corp@jump.example:2200, ops@corp, jump.example, 2200",
        "[fd00::7]:2201, , fd00::7, 2201",
        "ssh://ops@jump.example:2202, ops, jump.example, 2202",
    })
    void parsesProxyJumpHopsAsOpenSshDoes(String text, String user, String host, Integer port) {
        assertEquals(new HostSpec(Optional.ofNullable(user), host, Optional.ofNullable(port)), HostSpec.parseJump(text));
    }

    @Test
    void displaysIpv6WithBracketsBeforeAPort() {
        assertEquals("steve@[fd7a::1]:2222", HostSpec.display("steve", "fd7a::1", 2222));
        assertEquals("steve@fd7a::1", HostSpec.display("steve", "fd7a::1", 22));
        assertEquals("steve@web:2222", HostSpec.display("steve", "web", 2222));
    }

    @Test
    void keepsTheWholeIpAddressUnlikeTheSeed() {
        // the seed turned user@10.0.0.56 into "10"
        assertEquals("10.0.0.56", HostSpec.parse("user@10.0.0.56").host());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "host:22", "bad host", "-rf", "a..b", "300.1.1.1", "@host", "us er@host",
        "[not-v6]", "host;reboot", "$(id)", "x\ny",
        "ssh://", "ssh://host:0", "ssh://host:70000", "ssh://host/path", "ssh://@host", "ssh://us%zzer@host",
        "a'b@host", "-oProxyCommand=x@host"})
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
