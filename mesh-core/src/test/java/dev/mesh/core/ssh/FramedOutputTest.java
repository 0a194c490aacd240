package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramedOutputTest {
    private static final String MARK = "mesh0123456789abcdef";

    private final List<Integer> ends = new ArrayList<>();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private FramedOutput expecting(boolean withStatus) {
        FramedOutput framed = new FramedOutput(MARK, withStatus);
        framed.expect(sink, ends::add);
        return framed;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theOutputEndsAtTheMarkerWithItsExitStatus() {
        FramedOutput out = expecting(true);
        out.write(bytes("Linux\n\n" + MARK + " 3\nleft over from a background process\n"), 0,
                bytes("Linux\n\n" + MARK + " 3\nleft over from a background process\n").length);
        assertEquals("Linux\n", sink.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(3), ends);
    }

    @Test
    void aMarkerArrivingOneByteAtATimeIsFoundAndOutputWithoutLineFeedKept() {
        FramedOutput out = expecting(true);
        for (byte b : bytes("no newline at the end\n" + MARK + " 0\n")) {
            out.write(b);
        }
        assertEquals("no newline at the end", sink.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(0), ends);
    }

    @Test
    void textThatOnlyLooksLikeAMarkerIsOutput() {
        FramedOutput out = expecting(true);
        String fake = "a\n" + MARK + "\n" + MARK.substring(0, 8) + "\n\n" + MARK + " 12x\n\n" + MARK + " \n"
                + "\n" + MARK + " 12345678901\n\nmesh0123456789abcdeX 1\n";
        byte[] b = bytes(fake + "\n" + MARK + " 1\n");
        out.write(b, 0, b.length);
        assertEquals(fake, sink.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(1), ends);
    }

    @Test
    void stderrEndsAtTheMarkerLine() {
        FramedOutput err = expecting(false);
        byte[] b = bytes("warning\n\n\n" + MARK + "\n");
        err.write(b, 0, b.length);
        assertEquals("warning\n\n", sink.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(0), ends);
    }

    @Test
    void eachProbeGetsItsOwnOutput() {
        FramedOutput out = new FramedOutput(MARK, true);
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        ByteArrayOutputStream second = new ByteArrayOutputStream();
        out.expect(first, ends::add);
        byte[] b = bytes("one\n" + MARK + " 0\n");
        out.write(b, 0, b.length);
        out.expect(second, ends::add);
        b = bytes("two\n\n" + MARK + " 127\n");
        out.write(b, 0, b.length);
        assertEquals("one", first.toString(StandardCharsets.UTF_8));
        assertEquals("two\n", second.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(0, 127), ends);
    }
}
