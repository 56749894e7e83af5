package dev.scanwatch.io.capture;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Classic libpcap files: a 24-byte file header, then 16-byte record headers each followed by the frame. */
final class PcapParser extends CaptureParser {

    static final int MAGIC_MICROS = 0xA1B2C3D4;
    static final int MAGIC_NANOS = 0xA1B23C4D;

    static final int FILE_HEADER = 24;
    static final int SNAPLEN_FIELD = 16;
    static final int LINKTYPE_FIELD = 20;
    /** The upper bits of the link-type field carry FCS information, not the type. */
    static final int LINKTYPE_MASK = 0xFFFF;
    static final int RECORD_HEADER = 16;
    static final int CAPLEN_FIELD = 8;
    /**
     * libpcap's own ceiling (MAXIMUM_SNAPLEN). A larger captured length is a damaged record
     * header, and believing it would swallow the rest of the file as one frame.
     */
    static final int MAX_CAPTURED_LENGTH = 256 * 1024;
    private static final long NANOS_PER_MICRO = 1000;

    private final boolean nanos;

    PcapParser(InputWindow in, FrameSink sink, String source, boolean swapped, boolean nanos) {
        super(in, sink, source);
        this.swapped = swapped;
        this.nanos = nanos;
    }

    @Override
    String format() {
        return nanos ? "pcap-ns" : "pcap";
    }

    @Override
    CaptureProblem parse() throws IOException {
        if (!in.request(FILE_HEADER)) {
            return problem(0, "truncated pcap file header: " + in.available() + " of " + FILE_HEADER + " bytes");
        }
        ByteBuffer b = in.buffer();
        int linkType = i32(b, in.position() + LINKTYPE_FIELD) & LINKTYPE_MASK;
        sink.stats().interfaces = 1;
        in.skip(FILE_HEADER);
        long fractionScale = nanos ? 1 : NANOS_PER_MICRO;
        while (true) {
            if (!in.request(RECORD_HEADER)) {
                int left = in.available();
                return left == 0 ? null
                        : problem(in.offset(), "truncated record header: " + left + " of " + RECORD_HEADER + " bytes");
            }
            b = in.buffer();
            int p = in.position();
            long capturedLength = u32(b, p + CAPLEN_FIELD);
            if (capturedLength > MAX_CAPTURED_LENGTH) {
                return problem(in.offset(), "corrupt record: captured length " + capturedLength
                        + " exceeds " + MAX_CAPTURED_LENGTH + " bytes");
            }
            int caplen = (int) capturedLength;
            if (!in.request(RECORD_HEADER + caplen)) {
                return problem(in.offset(), "truncated record: " + (in.available() - RECORD_HEADER)
                        + " of " + caplen + " bytes");
            }
            b = in.buffer();
            p = in.position();
            long stamp = u32Pair(b, p); // seconds, then the fraction
            long time = (stamp >>> 32) * NANOS_PER_SECOND + (stamp & 0xFFFF_FFFFL) * fractionScale;
            sink.frame(linkType, b, p + RECORD_HEADER, caplen, time);
            in.skip(RECORD_HEADER + caplen);
        }
    }
}
