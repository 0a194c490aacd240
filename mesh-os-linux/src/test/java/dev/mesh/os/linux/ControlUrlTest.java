package dev.mesh.os.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlUrlTest {

    @ParameterizedTest
    @CsvSource({
            "http://headscale.test:8080, http://headscale.test:8080, SAME",
            "http://headscale.test:8080/, http://headscale.test:8080, SAME",
            "HTTP://Headscale.Test:8080, http://headscale.test:8080/, SAME",
            "https://hs.example.com, https://hs.example.com:443, SAME",
            "http://hs.example.com, http://hs.example.com:80/, SAME",
            "https://hs.example.com/prefix/, https://hs.example.com/prefix, SAME",
            "https://controlplane.tailscale.com, http://headscale.test:8080, OTHER",
            "http://headscale.test:8081, http://headscale.test:8080, OTHER",
            "https://headscale.test:8080, http://headscale.test:8080, OTHER",
            "'', http://headscale.test:8080, UNKNOWN",
            "not a url, http://headscale.test:8080, UNKNOWN"})
    void compares(String nodeUrl, String loginServer, ControlUrl.Match expected) {
        assertEquals(expected, ControlUrl.compare(Optional.of(nodeUrl), URI.create(loginServer)));
    }

    @ParameterizedTest
    @CsvSource({"http://headscale.test:8080"})
    void missingUrlIsUnknown(String loginServer) {
        assertEquals(ControlUrl.Match.UNKNOWN, ControlUrl.compare(Optional.empty(), URI.create(loginServer)));
    }
}
