package dev.mesh.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stop request the CLI raises on SIGINT/SIGTERM and every run watches. */
class StopSignalTest {
    @Test
    void eachActionRunsOnceAndOneRegisteredAfterTheStopRunsAtOnce() {
        StopSignal stop = new StopSignal();
        List<String> ran = new ArrayList<>();
        stop.onStop(() -> ran.add("first"));
        stop.onStop(() -> {
            throw new IllegalStateException("a run that cannot stop");
        });
        stop.onStop(() -> ran.add("third"));
        assertFalse(stop.stopRequested());

        stop.requestStop();
        stop.requestStop();
        assertTrue(stop.stopRequested());
        assertEquals(List.of("first", "third"), ran, "once each, a failing one does not keep the others from running");

        stop.onStop(() -> ran.add("late"));
        assertEquals(List.of("first", "third", "late"), ran);
    }

    @Test
    void neverIsNeverRaised() {
        StopSignal never = StopSignal.never();
        List<String> ran = new ArrayList<>();
        never.onStop(() -> ran.add("x"));
        never.requestStop();
        assertFalse(never.stopRequested());
        assertEquals(List.of(), ran);
    }
}
