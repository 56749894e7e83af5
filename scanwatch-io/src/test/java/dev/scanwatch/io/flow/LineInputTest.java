package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineInputTest {

    /** A stream that hands out at most {@code chunk} bytes a read, so lines straddle every refill. */
    private static InputStream trickle(byte[] data, int chunk) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> read(LineInput in, List<Long> offsets, List<Boolean> truncated) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.next()) != null) {
            lines.add(line);
            offsets.add(in.lineOffset());
            truncated.add(in.truncated());
            assertThat(in.lineNumber()).isEqualTo(lines.size());
        }
        return lines;
    }

    @Test
    void linesOffsetsAndEndingsWhateverTheReadSizes() throws IOException {
        String text = "first\nsecond\r\n\nfourth line, longer than a chunk\r\nlast without newline";
        byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int chunk : new int[] {1, 2, 3, 7, 64, data.length}) {
            List<Long> offsets = new ArrayList<>();
            List<Boolean> truncated = new ArrayList<>();
            List<String> lines = read(new LineInput(trickle(data, chunk)), offsets, truncated);
            assertThat(lines).as("chunk %d", chunk)
                    .containsExactly("first", "second", "", "fourth line, longer than a chunk", "last without newline");
            assertThat(offsets).as("chunk %d", chunk).containsExactly(0L, 6L, 14L, 15L, 49L);
            assertThat(truncated).doesNotContain(true);
        }
    }

    @Test
    void aLineLongerThanTheLimitIsCutAndFlaggedAndTheNextOneIsWhole() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("x".repeat(LineInput.MAX_LINE + 100)).append('\n').append("next\n");
        byte[] data = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        List<Long> offsets = new ArrayList<>();
        List<Boolean> truncated = new ArrayList<>();
        List<String> lines = read(new LineInput(new ByteArrayInputStream(data)), offsets, truncated);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).hasSize(LineInput.MAX_LINE);
        assertThat(lines.get(1)).isEqualTo("next");
        assertThat(truncated).containsExactly(true, false);
        assertThat(offsets).containsExactly(0L, LineInput.MAX_LINE + 101L);
    }

    @Test
    void emptyInputHasNoLines() throws IOException {
        assertThat(new LineInput(new ByteArrayInputStream(new byte[0])).next()).isNull();
        LineInput one = new LineInput(new ByteArrayInputStream("\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(one.next()).isEmpty();
        assertThat(one.next()).isNull();
    }
}
