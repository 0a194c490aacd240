package dev.mesh.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpiVersionTest {
    @Test
    void packsMajorAndMinor() {
        assertEquals(SpiVersion.MAJOR * 1000 + SpiVersion.MINOR, SpiVersion.CURRENT);
        assertEquals(2, SpiVersion.major(2003));
        assertEquals(3, SpiVersion.minor(2003));
        assertEquals("2.3", SpiVersion.toString(2003));
    }

    @Test
    void spiOnesPlainNumberReadsAsMajorOne() {
        assertEquals(1, SpiVersion.major(1));
        assertEquals(0, SpiVersion.minor(1));
        assertEquals("1.0", SpiVersion.toString(1));
    }
}
