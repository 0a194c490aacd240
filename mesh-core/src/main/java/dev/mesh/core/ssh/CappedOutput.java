package dev.mesh.core.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One output stream of a remote command (stdout or stderr), kept within a fixed amount of memory
 * whatever the command writes: the first {@link #HEAD_BYTES} and the last {@link #TAIL_BYTES} are
 * kept, the bytes in between are counted and dropped. All streams of one command share a
 * {@link Budget}: once they have streamed more than {@link Budget#HARD_LIMIT} bytes together, the
 * budget calls its callback (once), so the command can be stopped.
 *
 * <p>The buffers grow with what arrives: most commands write a few hundred bytes, and a fleet run has
 * dozens of commands under way at once, so fixed 64 KiB buffers per stream would cost 256 KiB of
 * zeroed heap per command for nothing.
 *
 * <p>Written by MINA's I/O thread, read by the caller's thread after the channel closed: the
 * methods are synchronized.
 */
final class CappedOutput extends OutputStream {
    /** Bytes kept from the start of the stream (64 KiB: every error message mesh reads fits). */
    static final int HEAD_BYTES = 64 * 1024;
    /** Bytes kept from the end of the stream (64 KiB: where a failing program says why). */
    static final int TAIL_BYTES = 64 * 1024;

    /** The bytes all streams of one command may send in total before it is stopped. */
    static final class Budget {
        /** 16 MiB: far above any output mesh parses; a command past it is runaway output. */
        static final long HARD_LIMIT = 16L * 1024 * 1024;

        private final long limit;
        private final AtomicLong used = new AtomicLong();
        private final Runnable exceeded;

        Budget(Runnable exceeded) {
            this(HARD_LIMIT, exceeded);
        }

        /** @param limit bytes allowed in total; {@code exceeded} runs once, on the writing thread, when passed */
        Budget(long limit, Runnable exceeded) {
            this.limit = limit;
            this.exceeded = exceeded;
        }

        void spend(int bytes) {
            long before = used.getAndAdd(bytes);
            if (before <= limit && before + bytes > limit) {
                exceeded.run();
            }
        }

        long limit() {
            return limit;
        }
    }

    private final Budget budget;
    /** The first bytes; grows (doubling) up to HEAD_BYTES. */
    private byte[] head = new byte[256];
    /** The ring buffer of the last bytes, allocated once the head is full. */
    private byte[] tail;
    private int headLength;
    private long tailWritten; // bytes that went past the head, into the ring buffer
    private long total;

    CappedOutput(Budget budget) {
        this.budget = budget;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        budget.spend(length);
        total += length;
        int toHead = Math.min(length, HEAD_BYTES - headLength);
        if (headLength + toHead > head.length) {
            head = Arrays.copyOf(head, Math.min(HEAD_BYTES, Math.max(head.length * 2, headLength + toHead)));
        }
        System.arraycopy(bytes, offset, head, headLength, toHead);
        headLength += toHead;
        int start = offset + toHead;
        int rest = length - toHead;
        if (rest > 0 && tail == null) {
            tail = new byte[TAIL_BYTES];
        }
        if (rest > TAIL_BYTES) { // only the last TAIL_BYTES of this write can survive
            start += rest - TAIL_BYTES;
            tailWritten += rest - TAIL_BYTES;
            rest = TAIL_BYTES;
        }
        for (int i = 0; i < rest; i++) {
            tail[(int) (tailWritten++ % TAIL_BYTES)] = bytes[start + i];
        }
    }

    /** Every byte the stream received, kept or not. */
    synchronized long total() {
        return total;
    }

    /** Bytes received but not kept. */
    synchronized long dropped() {
        return Math.max(0, tailWritten - TAIL_BYTES);
    }

    /**
     * The kept bytes as UTF-8 text (malformed sequences become U+FFFD); when bytes were dropped, a
     * line {@code [mesh: N bytes of output dropped]} stands between head and tail.
     */
    synchronized String text() {
        int tailLength = (int) Math.min(tailWritten, TAIL_BYTES);
        byte[] kept = new byte[tailLength];
        int from = (int) (tailWritten % TAIL_BYTES);
        for (int i = 0; i < tailLength; i++) {
            kept[i] = tail[(tailWritten > TAIL_BYTES ? from + i : i) % TAIL_BYTES];
        }
        long dropped = dropped();
        if (dropped == 0) {
            byte[] all = Arrays.copyOf(head, headLength + tailLength);
            System.arraycopy(kept, 0, all, headLength, tailLength);
            return new String(all, StandardCharsets.UTF_8);
        }
        return new String(head, 0, headLength, StandardCharsets.UTF_8)
                + "\n[mesh: " + dropped + " bytes of output dropped]\n" + new String(kept, StandardCharsets.UTF_8);
    }
}
