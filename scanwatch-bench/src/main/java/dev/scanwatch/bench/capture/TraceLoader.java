package dev.scanwatch.bench.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads the raw frames of the shared loopback captures. A loader of its own rather than the
 * project's reader, because the generator needs the frames' bytes, not decoded packets, and the
 * shared traces are all classic Ethernet pcap (others are skipped).
 */
public final class TraceLoader {

    /** Where the loopback captures live inside the shared directory. */
    static final String LOOPBACK_TRACES = "traces/loopback";
    /**
     * Already contained in mixed_background_sweep.pcap (which is this capture with a slow sweep
     * merged in); loading both would send every background packet twice.
     */
    static final String DUPLICATED_CAPTURE = "benign_background.pcap";

    private TraceLoader() {
    }

    /** The shared directory: the system property scanwatch.shared, else ../shared; null when absent. */
    public static Path sharedDirectory() {
        String configured = System.getProperty("scanwatch.shared");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "shared");
        return Files.isDirectory(dir.resolve(LOOPBACK_TRACES)) ? dir : null;
    }

    /** Every Ethernet frame of the loopback captures, or an empty list when there are none. */
    public static List<RawFrame> loopbackFrames(Path shared) throws IOException {
        List<RawFrame> frames = new ArrayList<>();
        if (shared == null) {
            return frames;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(shared.resolve(LOOPBACK_TRACES))) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".pcap"))
                     .filter(p -> !p.getFileName().toString().equals(DUPLICATED_CAPTURE))
                     .sorted().toList();
        }
        for (Path f : files) {
            readClassicEthernet(Files.readAllBytes(f), frames);
        }
        return frames;
    }

    /** Appends the frames of a classic pcap held in memory; other formats and link types add nothing. */
    static void readClassicEthernet(byte[] file, List<RawFrame> into) {
        if (file.length < PcapFormat.FILE_HEADER) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic != PcapFormat.MAGIC_MICROS && magic != PcapFormat.MAGIC_NANOS) {
            b.order(ByteOrder.BIG_ENDIAN);
            magic = b.getInt(0);
            if (magic != PcapFormat.MAGIC_MICROS && magic != PcapFormat.MAGIC_NANOS) {
                return;
            }
        }
        long fractionScale = magic == PcapFormat.MAGIC_NANOS ? 1 : PcapFormat.NANOS_PER_MICRO;
        if ((b.getInt(PcapFormat.LINKTYPE_FIELD) & 0xFFFF) != PcapFormat.LINKTYPE_ETHERNET) {
            return;
        }
        int p = PcapFormat.FILE_HEADER;
        while (p + PcapFormat.RECORD_HEADER <= file.length) {
            long time = (b.getInt(p) & 0xFFFF_FFFFL) * PcapFormat.NANOS_PER_SECOND
                        + (b.getInt(p + 4) & 0xFFFF_FFFFL) * fractionScale;
            int caplen = b.getInt(p + 8);
            int wire = b.getInt(p + 12);
            int start = p + PcapFormat.RECORD_HEADER;
            if (caplen < 0 || start + caplen > file.length) {
                return; // a truncated last record: keep what came before, as the real reader does
            }
            byte[] data = new byte[caplen];
            System.arraycopy(file, start, data, 0, caplen);
            into.add(new RawFrame(time, data, wire));
            p = start + caplen;
        }
    }
}
