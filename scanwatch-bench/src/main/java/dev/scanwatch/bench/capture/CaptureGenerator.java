package dev.scanwatch.bench.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a large classic pcap by repeating the base trace: repetition r starts r strides after
 * the first, with its addresses moved to a private block of its own ({@link AddressPlan}), and
 * overlapping repetitions are merged on time, so timestamps never go back.
 *
 * <p>With an overlap of K, K repetitions are in flight at any moment: the tracker and detector
 * hold K times the state of one, as on a link where K such sessions happen at once.
 */
public final class CaptureGenerator {

    /** Repetitions in flight at once by default: enough that state from several is live together. */
    public static final int DEFAULT_OVERLAP = 4;
    /** Quiet time after a repetition when they do not overlap, so each one's probes resolve. */
    static final long GAP_NANOS = PcapFormat.NANOS_PER_SECOND;

    /**
     * What was written.
     *
     * @param repetitions repetitions started (the last may be cut short at the packet count)
     */
    public record Summary(long packets, long firstNanos, long lastNanos, int repetitions, int basePackets,
                          int addressesPerRepetition, boolean fromSharedTraces) {
        public double seconds() {
            return (lastNanos - firstNanos) / 1e9;
        }
    }

    private final BaseTrace base;
    private final long strideNanos;

    public CaptureGenerator(BaseTrace base, int overlap) {
        if (overlap < 1) {
            throw new IllegalArgumentException("overlap must be at least 1");
        }
        this.base = base;
        this.strideNanos = Math.max(1, (base.spanNanos + GAP_NANOS) / overlap);
    }

    /** Writes {@code packets} records to a file of the given format (replacing it). */
    public Summary writeFile(Path file, long packets, CaptureFormat format) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            return write(ch, packets, format);
        }
    }

    /** The capture in memory, for benchmarks and tests (keep it to a few million packets). */
    public byte[] toBytes(long packets) throws IOException {
        return toBytes(packets, CaptureFormat.PCAP);
    }

    /** The capture in memory in the given format. */
    public byte[] toBytes(long packets, CaptureFormat format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(Channels.newChannel(bytes), packets, format);
        return bytes.toByteArray();
    }

    /** Writes {@code packets} records to {@code out} in the given format, and closes it. */
    public Summary write(WritableByteChannel out, long packets, CaptureFormat format) throws IOException {
        List<Cursor> active = new ArrayList<>();
        int nextRepetition = 0;
        long first = Long.MIN_VALUE;
        long last = Long.MIN_VALUE;
        try (CaptureWriter writer = new CaptureWriter(out, format)) {
            for (long written = 0; written < packets; written++) {
                Cursor next = earliest(active);
                // A repetition joins as soon as its first frame is due before the earliest pending one.
                while (next == null || startOf(nextRepetition) <= next.time) {
                    Cursor c = new Cursor(nextRepetition++);
                    active.add(c);
                    if (next == null || c.time < next.time) {
                        next = c;
                    }
                }
                emit(writer, next);
                if (first == Long.MIN_VALUE) {
                    first = next.time;
                }
                last = next.time;
                if (!next.advance()) {
                    active.remove(next);
                }
            }
        }
        return new Summary(packets, first, last, nextRepetition, base.size(), base.addressesPerRepetition(),
                base.fromSharedTraces());
    }

    private long startOf(int repetition) {
        return base.firstNanos + repetition * strideNanos;
    }

    /** The cursor with the earliest next frame; ties go to the older repetition, which was listed first. */
    private static Cursor earliest(List<Cursor> active) {
        Cursor best = null;
        for (Cursor c : active) {
            if (best == null || c.time < best.time) {
                best = c;
            }
        }
        return best;
    }

    private void emit(CaptureWriter writer, Cursor c) throws IOException {
        int i = c.index;
        int start = writer.append(c.time, base.frames[i], base.wireLengths[i]);
        int[] plan = base.rewrites[i];
        if (plan[0] < 0) {
            return;
        }
        ByteBuffer buf = writer.frameBuffer();
        for (int k = BaseTrace.HEADER_SLOTS; k < plan.length; k += 2) {
            // The writer's buffer is little-endian; addresses go on the wire big-endian.
            buf.putInt(start + plan[k], Integer.reverseBytes(base.addresses.address(c.repetition, plan[k + 1])));
        }
        Checksums.fixIpv4Header(buf, start + plan[0]);
        if (plan[1] >= 0) {
            Checksums.fixIpv4Header(buf, start + plan[1]);
        }
    }

    /** The next frame of one repetition. */
    private final class Cursor {
        final int repetition;
        final long shift;
        int index;
        long time;

        Cursor(int repetition) {
            this.repetition = repetition;
            this.shift = startOf(repetition) - base.firstNanos;
            this.time = base.firstNanos + shift + base.relativeNanos[0];
        }

        /** Moves to the next frame; false at the end of the repetition. */
        boolean advance() {
            if (++index >= base.size()) {
                return false;
            }
            time = base.firstNanos + shift + base.relativeNanos[index];
            return true;
        }
    }
}
