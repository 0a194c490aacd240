package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailscaleVersionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1.80.2\\n  tailscale commit: 1234\\n  go version: go1.23 | 1.80.2",
            "1.81.0-dev20250101-t1234 | 1.81.0",
            "1.80.2-t1234abcd | 1.80.2",
            "  v1.62 | 1.62.0",
            "1.8.10 | 1.8.10"})
    void readsTheFirstLine(String text, String version) {
        assertEquals(version, TailscaleVersion.parse(text.replace("\\n", "\n")).orElseThrow().toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "unknown", "go1.23.4", "1.x", "99999.1.1", "1.2.3.4", "tailscale 1.80.2"})
    void anythingElseIsNoVersion(String text) {
        assertEquals(Optional.empty(), TailscaleVersion.parse(text));
    }

    @Test
    void ordersByNumberNotText() {
        assertTrue(TailscaleVersion.of(1, 9, 0).olderThan(TailscaleVersion.of(1, 10, 0)));
        assertTrue(TailscaleVersion.of(1, 74, 0).olderThan(TailscaleVersion.of(1, 74, 1)));
        assertEquals(0, TailscaleVersion.of(1, 80, 0).compareTo(TailscaleVersion.parse("1.80").orElseThrow()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.22.3 | ''", "0.23.0 | 1.42.0", "v0.24.1 | 1.56.0", "0.25.1 | 1.62.0", "0.26.0 | 1.62.0",
            "0.27.1 | 1.64.0", "0.28.0 | 1.74.0", "0.29.2 | 1.80.0", "0.30.0-beta.1 | 1.80.0", "1.0.0 | 1.80.0",
            "dev | ''"})
    void oldestClientPerHeadscaleRelease(String headscale, String oldest) {
        assertEquals(oldest, ClientMinimum.forHeadscale(headscale).map(TailscaleVersion::toString).orElse(""));
    }
}
