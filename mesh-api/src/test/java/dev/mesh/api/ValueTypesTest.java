package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value types plugins create, through their factories. */
class ValueTypesTest {
    @Test
    void detectedOsDescribesItselfAndDefaultsToEmpty() {
        DetectedOs os = DetectedOs.builder("linux").distribution("debian").version("12").architecture("x86_64")
                .packageManager("apt").wsl(true).build();
        assertEquals("linux debian 12 x86_64 (apt) [WSL]", os.describe());
        assertEquals("freebsd", DetectedOs.builder("freebsd").build().describe());
        assertEquals("", DetectedOs.builder("freebsd").distribution(null).build().distribution());
        assertEquals(os, DetectedOs.builder("linux").distribution("debian").version("12").architecture("x86_64")
                .packageManager("apt").wsl(true).build());
    }

    @Test
    void preflightFactoriesSayWhatRunsNext() {
        assertFalse(Preflight.notInstalled("x").tailscaleInstalled());
        assertTrue(Preflight.installed("x").tailscaleInstalled());
        assertFalse(Preflight.installed("x").joined());
        assertTrue(Preflight.joined("x").joined());
    }

    @Test
    void connectResultIsConnectedOrAManualStep() {
        assertFalse(ConnectResult.connected("up").manualStepNeeded());
        assertTrue(ConnectResult.manualStepNeeded("run it").manualStepNeeded());
        assertEquals("run it", ConnectResult.manualStepNeeded("run it").text());
    }

    @Test
    void commandResultTailKeepsTheEndAndTheExitStatus() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            out.append("line ").append(i).append('\n');
        }
        String tail = CommandResult.of(100, out.toString(), "").tail();
        assertTrue(tail.startsWith("...\nline 6\n"), tail);
        assertTrue(tail.endsWith("line 30\n(exit status 100)"), tail);
        assertEquals("command timed out", CommandResult.timedOut("", "").tail());
        assertFalse(CommandResult.of(0, "secret-output", "").toString().contains("secret-output"));
    }

    @Test
    void theInMemoryStoreKeepsOneValuePerClass() {
        record Mode(String value) { }
        HostStore store = HostStore.inMemory();
        assertEquals(Optional.empty(), store.get(Mode.class));
        assertEquals(new Mode("sudo"), store.computeIfAbsent(Mode.class, () -> new Mode("sudo")));
        assertEquals(new Mode("sudo"), store.computeIfAbsent(Mode.class, () -> new Mode("other")));
        store.remove(Mode.class);
        store.put(Mode.class, new Mode("root"));
        assertEquals(Optional.of(new Mode("root")), store.get(Mode.class));
    }
}
