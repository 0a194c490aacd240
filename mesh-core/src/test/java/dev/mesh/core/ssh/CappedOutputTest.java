package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Remote output kept in fixed memory: head and tail kept, the middle counted and dropped. */
class CappedOutputTest {
    private static final int HEAD = CappedOutput.HEAD_BYTES;
    private static final int TAIL = CappedOutput.TAIL_BYTES;

    private static CappedOutput output() {
        return new CappedOutput(new CappedOutput.Budget(Long.MAX_VALUE, () -> { }));
    }

    /** Bytes 'a'..'z' repeating, so that any slice shows where it came from. */
    private static byte[] letters(int length, int start) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + (start + i) % 26);
        }
        return b;
    }

    private static String ascii(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.US_ASCII);
    }

    @Test
    void outputThatFitsIsKeptWhole() {
        for (int length : new int[] {0, 1, HEAD - 1, HEAD, HEAD + 1, HEAD + TAIL}) {
            CappedOutput out = output();
            byte[] data = letters(length, 0);
            out.write(data, 0, length);
            assertEquals(ascii(data, 0, length), out.text(), "length " + length);
            assertEquals(0, out.dropped());
        }
    }

    @Test
    void smallWritesGrowTheBuffersWithoutLosingAByte() {
        Random random = new Random(7);
        for (int length : new int[] {255, 256, 257, 5_000, HEAD, HEAD + 1, HEAD + TAIL, HEAD + TAIL + 333}) {
            CappedOutput out = output();
            byte[] data = letters(length, 3);
            for (int at = 0; at < length; ) {
                int n = Math.min(length - at, 1 + random.nextInt(700)); // SSH packets' sizes, about
                out.write(data, at, n);
                at += n;
            }
            String expected = length <= HEAD + TAIL ? ascii(data, 0, length)
                    : ascii(data, 0, HEAD) + "\n[mesh: 333 bytes of output dropped]\n" + ascii(data, length - TAIL, length);
            assertEquals(expected, out.text(), "length " + length);
        }
    }

    @Test
    void theMiddleIsDroppedAndCountedWhateverTheWriteSizes() {
        int length = HEAD + TAIL + 1_000_003;
        byte[] data = letters(length, 7);
        String expected = ascii(data, 0, HEAD) + "\n[mesh: 1000003 bytes of output dropped]\n"
                + ascii(data, length - TAIL, length);
        Random random = new Random(42);
        for (int attempt = 0; attempt < 5; attempt++) {
            CappedOutput out = output();
            int at = 0;
            while (at < length) {
                int n = Math.min(length - at, attempt == 0 ? length : 1 + random.nextInt(3 * TAIL));
                out.write(data, at, n);
                at += n;
            }
            assertEquals(expected, out.text(), "writes of random sizes, attempt " + attempt);
            assertEquals(length, out.total());
            assertEquals(1_000_003, out.dropped());
        }
    }

    @Test
    void textIsUtf8WithReplacementForBrokenSequences() {
        CappedOutput out = output();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        out.write(euro, 0, 1); // a character split across two writes still decodes
        out.write(euro, 1, 2);
        out.write(new byte[] {(byte) 0xff, 'x'}, 0, 2);
        assertEquals("€\uFFFDx", out.text());
    }

    @Test
    void theBudgetIsSharedByTheStreamsAndFiresOnceWhenPassed() {
        AtomicInteger fired = new AtomicInteger();
        CappedOutput.Budget budget = new CappedOutput.Budget(100, fired::incrementAndGet);
        CappedOutput out = new CappedOutput(budget);
        CappedOutput err = new CappedOutput(budget);
        out.write(new byte[60], 0, 60);
        err.write(new byte[40], 0, 40);
        assertEquals(0, fired.get(), "exactly the limit is allowed");
        err.write(1);
        out.write(new byte[1000], 0, 1000);
        assertEquals(1, fired.get());
        assertTrue(CappedOutput.Budget.HARD_LIMIT >= 16L * 1024 * 1024);
    }
}
