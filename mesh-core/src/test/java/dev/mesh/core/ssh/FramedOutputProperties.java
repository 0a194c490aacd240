package dev.mesh.core.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever a probe writes, however the channel cuts it into writes, comes back exactly, with its status. */
class FramedOutputProperties {
    private static final String MARK = "mesh00112233445566778899aabbccddeeff";

    @Property
    void anyOutputCutAnywhereComesBackExactlyWithItsStatus(@ForAll @Size(max = 300) byte[] output,
            @ForAll @IntRange(min = 0, max = 255) int status,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 40) Integer> cuts,
            @ForAll boolean stdout) {
        FramedOutput framed = new FramedOutput(MARK, stdout);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        framed.expect(sink, ends::add);
        byte[] end = ("\n" + MARK + (stdout ? " " + status : "") + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[output.length + end.length];
        System.arraycopy(output, 0, all, 0, output.length);
        System.arraycopy(end, 0, all, output.length, end.length);
        for (int pos = 0, i = 0; pos < all.length; i++) {
            int n = Math.min(cuts.get(i % cuts.size()), all.length - pos);
            framed.write(all, pos, n);
            pos += n;
        }
        assertArrayEquals(output, sink.toByteArray());
        assertEquals(List.of(stdout ? status : 0), ends);
    }
}
