package dev.mesh.core.ssh;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * One stream (stdout or stderr) of a {@link ShellChannel}, cut into its probes' outputs by the end
 * marker {@link dev.mesh.api.SharedShell#frame} makes the shell write after each probe: a line feed,
 * the marker, then (on stdout) a space, the exit status and a line feed, (on stderr) a line feed. What
 * comes before the marker's line feed is the probe's output, passed on to the current probe's sink as
 * it arrives; bytes that start like a marker are held back until they turn out not to be one. A
 * marker-like line that is not exactly one (a host echoing part of it) is output like any other text.
 * Bytes written while no probe runs are dropped.
 */
final class FramedOutput extends OutputStream {
    /** Digits an exit status may have (sshd's exit-status is a uint32). */
    private static final int MAX_STATUS_DIGITS = 10;

    private final byte[] prefix;
    private final boolean withStatus;
    private final byte[] held;
    private int heldLength;
    private OutputStream sink;
    private IntConsumer ended;

    /**
     * @param marker     the shell's marker (ASCII letters and digits)
     * @param withStatus whether a space, the exit status in decimal and a line feed follow the marker
     *                   (stdout), or only a line feed (stderr)
     */
    FramedOutput(String marker, boolean withStatus) {
        this.prefix = ("\n" + marker).getBytes(StandardCharsets.US_ASCII);
        this.withStatus = withStatus;
        this.held = new byte[prefix.length + 2 + MAX_STATUS_DIGITS];
    }

    /**
     * Directs the stream to {@code sink} until the next end marker, then calls {@code ended} with the
     * exit status (stdout) or 0 (stderr), once.
     */
    synchronized void expect(OutputStream sink, IntConsumer ended) {
        this.sink = sink;
        this.ended = ended;
        this.heldLength = 0;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        int start = offset;
        for (int i = offset; i < offset + length; i++) {
            if (sink == null) {
                return;
            }
            byte b = bytes[i];
            if (heldLength == 0 && b != '\n') {
                continue; // plain output: passed on in one piece below
            }
            pass(bytes, start, i - start);
            start = i + 1;
            hold(b);
        }
        if (sink != null && heldLength == 0) {
            pass(bytes, start, offset + length - start);
        }
    }

    /** Takes {@code b} into the held bytes and checks whether they are still (the start of) a marker. */
    private void hold(byte b) {
        held[heldLength++] = b;
        int status = markerEnd();
        if (status >= 0) {
            IntConsumer done = ended;
            sink = null;
            ended = null;
            heldLength = 0;
            done.accept(status);
        } else if (status == NOT_A_MARKER) {
            release();
        }
    }

    private static final int NOT_A_MARKER = -1;
    private static final int INCOMPLETE = -2;

    /** The exit status once the held bytes are a whole marker line, else {@link #INCOMPLETE} or {@link #NOT_A_MARKER}. */
    private int markerEnd() {
        int n = heldLength;
        for (int i = 0; i < Math.min(n, prefix.length); i++) {
            if (held[i] != prefix[i]) {
                return NOT_A_MARKER;
            }
        }
        if (n <= prefix.length) {
            return INCOMPLETE;
        }
        if (!withStatus) {
            return held[prefix.length] == '\n' ? 0 : NOT_A_MARKER;
        }
        if (held[prefix.length] != ' ') {
            return NOT_A_MARKER;
        }
        long status = 0;
        for (int i = prefix.length + 1; i < n; i++) {
            byte c = held[i];
            if (c == '\n' && i > prefix.length + 1) {
                return i == n - 1 && status <= Integer.MAX_VALUE ? (int) status : NOT_A_MARKER;
            }
            if (c < '0' || c > '9' || i - prefix.length > MAX_STATUS_DIGITS) {
                return NOT_A_MARKER;
            }
            status = status * 10 + (c - '0');
        }
        return n == held.length ? NOT_A_MARKER : INCOMPLETE;
    }

    /**
     * The held bytes were output after all: the first is passed on, the rest looked at again (a line
     * feed among them may start the real marker).
     */
    private void release() {
        byte[] again = java.util.Arrays.copyOfRange(held, 1, heldLength);
        pass(held, 0, 1);
        heldLength = 0;
        for (byte b : again) {
            if (sink == null) {
                return;
            }
            if (heldLength == 0 && b != '\n') {
                pass(new byte[] {b}, 0, 1);
            } else {
                hold(b);
            }
        }
    }

    private void pass(byte[] bytes, int offset, int length) {
        if (length <= 0 || sink == null) {
            return;
        }
        try {
            sink.write(bytes, offset, length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
