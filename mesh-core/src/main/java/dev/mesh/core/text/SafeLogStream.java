package dev.mesh.core.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An output stream for log output (slf4j-simple writes to {@code System.err}; the CLI installs this
 * in front of it): each line passes through {@link DisplayText#inline} before it reaches the real
 * stream, so a log line that quotes a host's answer or a library's message cannot carry a control
 * character or a live secret to the terminal. Lines are cut at {@value #MAX_LINE_BYTES} bytes.
 */
public final class SafeLogStream extends OutputStream {
    /** A line longer than this is passed on in pieces. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final OutputStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public SafeLogStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n') {
            emit(true);
            return;
        }
        line.write(b);
        if (line.size() >= MAX_LINE_BYTES) {
            emit(true);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            write(b[i]);
        }
    }

    /** Passes on a pending partial line too: log output must not wait for the next line. */
    @Override
    public synchronized void flush() throws IOException {
        if (line.size() > 0) {
            emit(false);
        }
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }

    private void emit(boolean newline) throws IOException {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        target.write(DisplayText.inline(text).getBytes(StandardCharsets.UTF_8));
        if (newline) {
            target.write('\n');
        }
    }
}
