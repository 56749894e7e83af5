package dev.scanwatch.io.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of sections, each a Section Header Block (which
 * fixes the byte order) followed by interface descriptions and packet blocks. Interface ids are
 * per section. Blocks this reader does not know are skipped and counted.
 */
final class PcapngParser extends CaptureParser {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    static final int OBSOLETE_PACKET = 0x00000002;
    static final int SIMPLE_PACKET = 0x00000003;
    static final int NAME_RESOLUTION = 0x00000004;
    static final int INTERFACE_STATISTICS = 0x00000005;
    static final int ENHANCED_PACKET = 0x00000006;
    static final int SYSTEMD_JOURNAL = 0x00000009;
    static final int DECRYPTION_SECRETS = 0x0000000A;
    static final int CUSTOM = 0x00000BAD;
    static final int CUSTOM_NO_COPY = 0x40000BAD;

    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SUPPORTED_MAJOR_VERSION = 1;

    /** Type and total length; the same total length is repeated as a 4-byte trailer. */
    static final int BLOCK_HEADER = 8;
    static final int BLOCK_TRAILER = 4;
    static final int MIN_BLOCK = BLOCK_HEADER + BLOCK_TRAILER;
    /** Header, byte-order magic, versions, section length, trailer. */
    static final int MIN_SECTION_HEADER = 28;
    static final int MIN_INTERFACE_DESCRIPTION = 20;
    /** EPB and OPB: 20 bytes of fields before the data. */
    static final int PACKET_FIELDS = 20;
    static final int MIN_PACKET_BLOCK = BLOCK_HEADER + PACKET_FIELDS + BLOCK_TRAILER;
    static final int SIMPLE_FIELDS = 4;
    static final int MIN_SIMPLE_PACKET = BLOCK_HEADER + SIMPLE_FIELDS + BLOCK_TRAILER;
    /** libpcap's limit too: anything larger is a damaged length, not a real block. */
    static final int MAX_BLOCK = 16 * 1024 * 1024;

    static final int OPTION_END = 0;
    static final int OPTION_IF_TSRESOL = 9;
    static final int OPTION_IF_TSOFFSET = 14;
    private static final int OPTION_HEADER = 4;
    private static final int TSOFFSET_LENGTH = 8;

    private PcapngInterface[] interfaces = new PcapngInterface[4];
    private int interfaceCount;
    /** Simple packet blocks carry no time; they inherit the previous packet's. */
    private long lastTimeNanos;

    PcapngParser(InputWindow in, FrameSink sink, String source) {
        super(in, sink, source);
    }

    @Override
    String format() {
        return "pcapng";
    }

    @Override
    CaptureProblem parse() throws IOException {
        while (true) {
            long blockStart = in.offset();
            if (!in.request(BLOCK_HEADER)) {
                int left = in.available();
                return left == 0 ? null
                        : problem(blockStart, "truncated block header: " + left + " of " + BLOCK_HEADER + " bytes");
            }
            ByteBuffer b = in.buffer();
            int p = in.position();
            long typeAndLength = u32Pair(b, p);
            // The section header type reads the same in both byte orders; its body sets the order.
            int type = (int) (typeAndLength >>> 32);
            int length = (int) typeAndLength;
            if (type == ENHANCED_PACKET && length >= MIN_PACKET_BLOCK && length <= MAX_BLOCK && (length & 3) == 0
                && in.request(length) && soundEnhancedPacket(in.buffer(), in.position(), length)) {
                in.skip(length);
                continue;
            }
            if (type == SECTION_HEADER) {
                CaptureProblem problem = sectionHeader(blockStart);
                if (problem != null) {
                    return problem;
                }
                continue;
            }
            CaptureProblem problem = loadBlock(blockStart, length, MIN_BLOCK);
            if (problem == null) {
                problem = block(type, blockStart, length);
            }
            if (problem != null) {
                return problem;
            }
            in.skip(length);
        }
    }

    /** Reads the whole block into the window and checks its lengths. */
    private CaptureProblem loadBlock(long blockStart, int length, int minimum) throws IOException {
        if (length < minimum || length > MAX_BLOCK || length % 4 != 0) {
            return problem(blockStart, "corrupt block length " + Integer.toUnsignedString(length)
                    + (length % 4 != 0 ? " (not a multiple of 4)" : ""));
        }
        if (!in.request(length)) {
            return problem(blockStart, "truncated block: " + in.available() + " of " + length + " bytes");
        }
        int trailer = i32(in.buffer(), in.position() + length - BLOCK_TRAILER);
        if (trailer != length) {
            return problem(blockStart, "corrupt block: trailing length " + Integer.toUnsignedString(trailer)
                    + " does not match " + length);
        }
        return null;
    }

    private CaptureProblem block(int type, long blockStart, int length) {
        ByteBuffer b = in.buffer();
        int p = in.position();
        switch (type) {
            case ENHANCED_PACKET:
                return packet(b, p, length, blockStart, i32(b, p + BLOCK_HEADER), "enhanced");
            case OBSOLETE_PACKET:
                return packet(b, p, length, blockStart, u16(b, p + BLOCK_HEADER), "obsolete");
            case SIMPLE_PACKET:
                return simplePacket(b, p, length, blockStart);
            case INTERFACE_DESCRIPTION:
                return interfaceDescription(b, p, length, blockStart);
            case NAME_RESOLUTION:
            case INTERFACE_STATISTICS:
            case SYSTEMD_JOURNAL:
            case DECRYPTION_SECRETS:
            case CUSTOM:
            case CUSTOM_NO_COPY:
                return null;
            default:
                sink.stats().unknownBlocksSkipped++;
                return null;
        }
    }

    private CaptureProblem sectionHeader(long blockStart) throws IOException {
        int magicAt = BLOCK_HEADER;
        if (!in.request(magicAt + 4)) {
            return problem(blockStart, "truncated section header block: " + in.available() + " of "
                    + MIN_SECTION_HEADER + " bytes");
        }
        ByteBuffer b = in.buffer();
        int p = in.position();
        int magic = b.getInt(p + magicAt);
        if (magic == BYTE_ORDER_MAGIC) {
            swapped = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            swapped = true;
        } else {
            return problem(blockStart, String.format("corrupt section header: byte-order magic 0x%08x", magic));
        }
        int length = i32(b, p + 4);
        CaptureProblem problem = loadBlock(blockStart, length, MIN_SECTION_HEADER);
        if (problem != null) {
            return problem;
        }
        b = in.buffer();
        p = in.position();
        int major = u16(b, p + magicAt + 4);
        if (major != SUPPORTED_MAJOR_VERSION) {
            return problem(blockStart, "unsupported pcapng version " + major + "." + u16(b, p + magicAt + 6));
        }
        interfaceCount = 0;
        in.skip(length);
        return null;
    }

    private CaptureProblem interfaceDescription(ByteBuffer b, int p, int length, long blockStart) {
        if (length < MIN_INTERFACE_DESCRIPTION) {
            return problem(blockStart, "corrupt interface description block: length " + length);
        }
        int linkType = u16(b, p + BLOCK_HEADER);
        long snaplen = u32(b, p + BLOCK_HEADER + 4);
        int tsresol = TimeScale.DEFAULT_TSRESOL;
        long tsoffset = 0;
        int option = p + MIN_INTERFACE_DESCRIPTION - BLOCK_TRAILER;
        int optionsEnd = p + length - BLOCK_TRAILER;
        while (option + OPTION_HEADER <= optionsEnd) {
            int code = u16(b, option);
            int valueLength = u16(b, option + 2);
            int value = option + OPTION_HEADER;
            if (code == OPTION_END || value + valueLength > optionsEnd) {
                // A damaged option list only costs us the remaining options, not the packets.
                break;
            }
            if (code == OPTION_IF_TSRESOL && valueLength >= 1) {
                tsresol = b.get(value) & 0xFF;
            } else if (code == OPTION_IF_TSOFFSET && valueLength >= TSOFFSET_LENGTH) {
                tsoffset = i64(b, value);
            }
            option = value + ((valueLength + 3) & ~3);
        }
        TimeScale time = TimeScale.of(tsresol, tsoffset);
        if (time == null) {
            return problem(blockStart, String.format("unsupported timestamp resolution (if_tsresol 0x%02x)", tsresol));
        }
        if (interfaceCount == interfaces.length) {
            interfaces = Arrays.copyOf(interfaces, interfaceCount * 2);
        }
        interfaces[interfaceCount++] = new PcapngInterface(linkType, snaplen, time);
        sink.stats().interfaces++;
        return null;
    }

    /**
     * The common block, an enhanced packet block that is whole and sound, handed on after three
     * reads (the trailing length, then two pairs of fields) and no call that names a problem, so
     * that it compiles small. False hands the block to the general path, which finds the same
     * fault and says what it is; nothing has been counted yet then.
     */
    private boolean soundEnhancedPacket(ByteBuffer b, int p, int length) {
        if (i32(b, p + length - BLOCK_TRAILER) != length) {
            return false;
        }
        long idAndHigh = u32Pair(b, p + BLOCK_HEADER); // interface id, the timestamp's high word
        long lowAndCaptured = u32Pair(b, p + BLOCK_HEADER + 8); // its low word, the captured length
        long interfaceId = idAndHigh >>> 32;
        long capturedLength = lowAndCaptured & 0xFFFF_FFFFL;
        if (interfaceId >= interfaceCount || capturedLength > length - MIN_PACKET_BLOCK) {
            return false;
        }
        PcapngInterface iface = interfaces[(int) interfaceId];
        lastTimeNanos = iface.time.toNanos(idAndHigh << 32 | lowAndCaptured >>> 32);
        sink.frame(iface.linkType, b, p + BLOCK_HEADER + PACKET_FIELDS, (int) capturedLength, lastTimeNanos);
        return true;
    }

    /** Enhanced (type 6) and obsolete (type 2) packet blocks share their layout after the interface id. */
    private CaptureProblem packet(ByteBuffer b, int p, int length, long blockStart, int interfaceId, String kind) {
        if (length < MIN_PACKET_BLOCK) {
            return problem(blockStart, "corrupt " + kind + " packet block: length " + length);
        }
        if (interfaceId < 0 || interfaceId >= interfaceCount) {
            return problem(blockStart, kind + " packet block for undefined interface "
                    + Integer.toUnsignedString(interfaceId));
        }
        PcapngInterface iface = interfaces[interfaceId];
        int fields = p + BLOCK_HEADER;
        long ticks = u32Pair(b, fields + 4);
        long capturedLength = u32(b, fields + 12);
        int space = length - MIN_PACKET_BLOCK;
        if (capturedLength > space) {
            return problem(blockStart, "corrupt " + kind + " packet block: captured length " + capturedLength
                    + " exceeds the block's " + space + " data bytes");
        }
        lastTimeNanos = iface.time.toNanos(ticks);
        sink.frame(iface.linkType, b, fields + PACKET_FIELDS, (int) capturedLength, lastTimeNanos);
        return null;
    }

    private CaptureProblem simplePacket(ByteBuffer b, int p, int length, long blockStart) {
        if (length < MIN_SIMPLE_PACKET) {
            return problem(blockStart, "corrupt simple packet block: length " + length);
        }
        if (interfaceCount == 0) {
            return problem(blockStart, "simple packet block before any interface description");
        }
        PcapngInterface iface = interfaces[0];
        long captured = Math.min(u32(b, p + BLOCK_HEADER), length - MIN_SIMPLE_PACKET);
        if (iface.snaplen > 0) {
            captured = Math.min(captured, iface.snaplen);
        }
        sink.frame(iface.linkType, b, p + BLOCK_HEADER + SIMPLE_FIELDS, (int) captured, lastTimeNanos);
        return null;
    }
}
