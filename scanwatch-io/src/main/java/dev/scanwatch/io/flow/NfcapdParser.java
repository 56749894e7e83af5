package dev.scanwatch.io.flow;

import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureProblem;
import io.airlift.compress.Decompressor;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.lzo.LzoDecompressor;
import io.airlift.compress.zstd.ZstdDecompressor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * nfdump's own binary files (what nfcapd, sfcapd and nfpcapd write). Layout 2 (nfdump 1.7): a
 * 40-byte file header, then data blocks of V3 records, each a list of extension elements. Layout 1
 * (nfdump 1.6): a 140-byte header and a statistics record, then blocks of common records. The
 * records are one-directional NetFlow/IPFIX flows and go through the same pairing as nfdump's CSV
 * output ({@link NetflowPairer}), so a file gives the same attempts read directly or through
 * {@code nfdump -r FILE -o csv}.
 *
 * <p>Read: uncompressed files (nfcapd's default) and blocks compressed with LZO, BZ2, LZ4 or
 * ZSTD (aircompressor decodes them), V3 records with the generic flow element and an IPv4 or IPv6
 * address element, and layout 1's uncompressed common records. Not read, each with a message:
 * encrypted files, and compressed layout-1 files (saying how to convert them). Records of other
 * types (exporter and statistics records, the appendix) are skipped. Integers are little-endian,
 * as nfdump writes them on the machines it runs on; a file of the other byte order fails the magic
 * check. A problem inside a compressed block names the block's byte offset (the record's own is
 * in no file).
 */
final class NfcapdParser {

    static final int MAGIC = 0xA50C;
    static final int LAYOUT_1 = 1;
    private static final int LAYOUT_2 = 2;
    static final int FILE_HEADER = 40;
    private static final int OFF_COMPRESSION = 16;
    private static final int OFF_ENCRYPTION = 17;
    static final int BLOCK_HEADER = 12;
    /** Far above any block nfdump writes (see MAX_UNCOMPRESSED_BLOCK): a larger size is a corrupt header, not a block to allocate. */
    private static final int MAX_BLOCK = 64 << 20;
    static final int DATA_BLOCK_TYPE_2 = 2;
    static final int DATA_BLOCK_TYPE_3 = 3;
    /** Layout 1: the 140-byte file header and the 136-byte statistics record before the first block. */
    static final int LAYOUT_1_START = 140 + 136;
    /** Layout 1's file flags for LZO, BZ2, LZ4 and ZSTD compression. */
    private static final int LAYOUT_1_COMPRESSION_FLAGS = 0x1 | 0x8 | 0x10 | 0x20;
    static final int COMMON_RECORD = 10;
    static final int COMMON_HEAD = 32;
    static final int FLAG_IPV6_ADDR = 0x1;
    static final int FLAG_PKG_64 = 0x2;
    private static final int FLAG_BLOCK_UNCOMPRESSED = 0x1;
    static final int V3_RECORD = 11;
    static final int V3_HEADER = 12;
    static final int ELEMENT_HEADER = 4;
    static final int EX_GENERIC_FLOW = 1;
    static final int EX_IPV4_FLOW = 2;
    static final int EX_IPV6_FLOW = 3;
    /** msecFirst, msecLast, msecReceived, inPackets, inBytes, srcPort, dstPort, proto, tcpFlags, fwdStatus, srcTos. */
    static final int GENERIC_FLOW_LENGTH = ELEMENT_HEADER + 48;
    static final int IPV4_FLOW_LENGTH = ELEMENT_HEADER + 8;
    static final int IPV6_FLOW_LENGTH = ELEMENT_HEADER + 32;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final int LZO = 1;
    private static final int BZ2 = 2;
    private static final int LZ4 = 3;
    private static final int ZSTD = 4;
    /** The compression type is in the low bits (later nfdump versions keep a level above them). */
    private static final int COMPRESSION_TYPE = 0x0F;
    /** nfdump fills blocks to at most 5 MiB before compressing them; this leaves room to spare. */
    private static final int MAX_UNCOMPRESSED_BLOCK = 16 << 20;
    private static final String CONVERT = "convert it with nfdump: 'nfdump -r FILE -w NEW' writes an uncompressed "
                                          + "layout-2 file, 'nfdump -r FILE -o csv' a CSV scanwatch reads";

    /** Reads the file; problems that stop it name the byte offset, and what came before still counts. */
    CaptureProblem run(InputStream in, ReadContext ctx) throws IOException {
        byte[] start = in.readNBytes(4);
        if (start.length < 4) {
            return ctx.problemAt(0, "truncated nfdump file header: " + start.length + " bytes");
        }
        ByteBuffer s = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN);
        if ((s.getShort(0) & 0xFFFF) != MAGIC) {
            return ctx.problemAt(0, "not an nfdump file (magic 0x"
                    + Integer.toHexString(s.getShort(0) & 0xFFFF) + ")");
        }
        int layout = s.getShort(2) & 0xFFFF;
        if (layout == LAYOUT_1) {
            return layout1(in, ctx);
        }
        if (layout != LAYOUT_2) {
            return ctx.problemAt(2, "unknown nfdump file layout " + layout + "; " + CONVERT);
        }
        byte[] header = in.readNBytes(FILE_HEADER - 4);
        if (header.length < FILE_HEADER - 4) {
            return ctx.problemAt(0, "truncated nfdump file header: " + (header.length + 4) + " of "
                    + FILE_HEADER + " bytes");
        }
        int compression = header[OFF_COMPRESSION - 4] & COMPRESSION_TYPE;
        Decompressor decompressor = decompressor(compression);
        if (compression != 0 && decompressor == null) {
            return ctx.problemAt(OFF_COMPRESSION, compressionName(compression)
                    + "-compressed nfdump file is not read; " + CONVERT);
        }
        if (header[OFF_ENCRYPTION - 4] != 0) {
            return ctx.problemAt(OFF_ENCRYPTION, "encrypted nfdump file is not read");
        }
        return blocks(in, FILE_HEADER, compression, decompressor, ctx);
    }

    /**
     * nfdump 1.6's layout 1: a 140-byte header (magic, layout, flags, block count, ident), a
     * 136-byte statistics record, then blocks of common records. Debian 11 and Ubuntu 22.04 still
     * ship nfdump 1.6, so these files are common. Compressed ones are refused: nfdump 1.7 cannot
     * write them, so there is nothing here to test a decoder against.
     */
    private CaptureProblem layout1(InputStream in, ReadContext ctx) throws IOException {
        byte[] rest = in.readNBytes(LAYOUT_1_START - 4);
        if (rest.length < LAYOUT_1_START - 4) {
            return ctx.problemAt(0, "truncated nfdump 1.6 file header: " + (rest.length + 4) + " of "
                    + LAYOUT_1_START + " bytes");
        }
        int flags = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        if ((flags & LAYOUT_1_COMPRESSION_FLAGS) != 0) {
            return ctx.problemAt(4, "compressed nfdump 1.6 file is not read; " + CONVERT);
        }
        return blocks(in, LAYOUT_1_START, 0, null, ctx);
    }

    /** The data blocks, from {@code offset} to the end of the file; {@code decompressor} null when uncompressed. */
    private CaptureProblem blocks(InputStream in, long offset, int compression, Decompressor decompressor,
                                  ReadContext ctx) throws IOException {
        NetflowRecords sink = new NetflowRecords(ctx);
        byte[] inflated = null;
        byte[] blockHeader = new byte[BLOCK_HEADER];
        ByteBuffer bh = ByteBuffer.wrap(blockHeader).order(ByteOrder.LITTLE_ENDIAN);
        byte[] block = new byte[0];
        while (true) {
            int got = in.readNBytes(blockHeader, 0, BLOCK_HEADER);
            if (got == 0) {
                return null;
            }
            if (got < BLOCK_HEADER) {
                return ctx.problemAt(offset, "truncated block header: " + got + " of "
                        + BLOCK_HEADER + " bytes");
            }
            long size = bh.getInt(4) & 0xFFFFFFFFL;
            int type = bh.getShort(8) & 0xFFFF;
            int flags = bh.getShort(10) & 0xFFFF;
            if (size > MAX_BLOCK) {
                return ctx.problemAt(offset, "corrupt block: size " + size + " bytes");
            }
            if (block.length < size) {
                block = new byte[(int) size];
            }
            int read = in.readNBytes(block, 0, (int) size);
            boolean truncated = read < size;
            boolean holdsRecords = type == DATA_BLOCK_TYPE_2 || type == DATA_BLOCK_TYPE_3;
            byte[] data = block;
            int length = read;
            boolean compressed = holdsRecords && decompressor != null && (flags & FLAG_BLOCK_UNCOMPRESSED) == 0;
            if (compressed) {
                if (truncated) {
                    return ctx.problemAt(offset, "truncated compressed block: " + read + " of "
                            + size + " bytes");
                }
                if (inflated == null) {
                    inflated = new byte[MAX_UNCOMPRESSED_BLOCK];
                }
                try {
                    length = decompressor.decompress(block, 0, read, inflated, 0, inflated.length);
                } catch (RuntimeException e) { // aircompressor's MalformedInputException, or an overrun
                    return ctx.problemAt(offset, "corrupt " + compressionName(compression)
                            + " block: " + e.getMessage());
                }
                data = inflated;
            }
            if (holdsRecords) {
                // A truncated last block still gives the records it holds whole.
                CaptureProblem problem = records(ByteBuffer.wrap(data, 0, length).order(ByteOrder.LITTLE_ENDIAN),
                        offset, compressed, truncated, ctx, sink);
                if (problem != null) {
                    return problem;
                }
            }
            if (truncated) {
                return ctx.problemAt(offset, "truncated block: " + read + " of " + size + " bytes");
            }
            offset += BLOCK_HEADER + size;
        }
    }

    /**
     * The records of one block. A record whose size leaves the block ends the file with a problem,
     * unless the block was cut short ({@code truncated}): then it is where the file ends.
     *
     * @param blockOffset the file offset of the block's header; a record's offset is in the file
     *     only when the block was not {@code compressed}, else the block's offset stands for it
     */
    private CaptureProblem records(ByteBuffer b, long blockOffset, boolean compressed, boolean truncated,
                                   ReadContext ctx, NetflowRecords sink) {
        int end = b.limit();
        int at = 0;
        while (at + 4 <= end) {
            int type = b.getShort(at) & 0xFFFF;
            int size = b.getShort(at + 2) & 0xFFFF;
            if (size < 4 || at + size > end) {
                if (truncated && size >= 4) {
                    return null;
                }
                return ctx.problemAt(recordOffset(blockOffset, compressed, at),
                        "corrupt record: size " + size + " in a block of " + end + " bytes"
                        + (compressed ? " (at byte " + at + " once decompressed)" : ""));
            }
            if (type == V3_RECORD || type == COMMON_RECORD) {
                ctx.record();
                boolean ok = type == V3_RECORD ? v3Record(b, at, size, ctx, sink) : commonRecord(b, at, size, sink);
                if (!ok) {
                    ctx.stats.malformedAtOffset(recordOffset(blockOffset, compressed, at));
                }
            }
            at += size;
        }
        return null;
    }

    private static long recordOffset(long blockOffset, boolean compressed, int at) {
        return compressed ? blockOffset : blockOffset + BLOCK_HEADER + at;
    }

    /** One V3 record: false when it is malformed (its elements overrun it, or a flow lacks addresses). */
    private boolean v3Record(ByteBuffer b, int start, int size, ReadContext ctx, NetflowRecords sink) {
        if (size < V3_HEADER) {
            return false;
        }
        int elements = b.getShort(start + 4) & 0xFFFF;
        int end = start + size;
        int at = start + V3_HEADER;
        int generic = -1;
        IpAddress src = null;
        IpAddress dst = null;
        for (int i = 0; i < elements; i++) {
            if (at + ELEMENT_HEADER > end) {
                return false;
            }
            int type = b.getShort(at) & 0xFFFF;
            int length = b.getShort(at + 2) & 0xFFFF;
            if (length < ELEMENT_HEADER || at + length > end) {
                return false;
            }
            int body = at + ELEMENT_HEADER;
            if (type == EX_GENERIC_FLOW && length >= GENERIC_FLOW_LENGTH) {
                generic = body;
            } else if (type == EX_IPV4_FLOW && length >= IPV4_FLOW_LENGTH) {
                src = IpAddress.ofV4(b.getInt(body));
                dst = IpAddress.ofV4(b.getInt(body + 4));
            } else if (type == EX_IPV6_FLOW && length >= IPV6_FLOW_LENGTH) {
                src = new IpAddress(b.getLong(body), b.getLong(body + 8));
                dst = new IpAddress(b.getLong(body + 16), b.getLong(body + 24));
            }
            at += length;
        }
        if (generic < 0) {
            ctx.stats.skip(SkipReason.NOT_A_FLOW);
            return true; // an event or option record, not a flow
        }
        if (src == null) {
            return false;
        }
        long first = b.getLong(generic) * NANOS_PER_MILLI;
        long last = b.getLong(generic + 8) * NANOS_PER_MILLI;
        long packets = b.getLong(generic + 24);
        int srcPort = b.getShort(generic + 40) & 0xFFFF;
        int dstPort = b.getShort(generic + 42) & 0xFFFF;
        int proto = b.get(generic + 44) & 0xFF;
        int tcpFlags = b.get(generic + 45) & 0xFF;
        // ICMP keeps type * 256 + code in the destination port, as NetFlow exports it.
        sink.record(first, last, src, dst, proto, srcPort, dstPort, tcpFlags, packets, dstPort);
        return true;
    }

    /**
     * One common record of layout 1: a 32-byte head (flags, extension map, milliseconds, seconds,
     * forwarding status, TCP flags, protocol, ToS, ports...), then the addresses (IPv4 or, by flag,
     * IPv6), the packets and bytes (32 or, by flag, 64 bits), then extensions, which are not needed.
     */
    private static boolean commonRecord(ByteBuffer b, int start, int size, NetflowRecords sink) {
        int flags = b.getShort(start + 4) & 0xFFFF;
        boolean v6 = (flags & FLAG_IPV6_ADDR) != 0;
        int at = start + COMMON_HEAD;
        int needed = COMMON_HEAD + (v6 ? 32 : 8) + ((flags & FLAG_PKG_64) != 0 ? 8 : 4);
        if (size < needed) {
            return false;
        }
        long first = (b.getInt(start + 12) & 0xFFFFFFFFL) * 1000 + (b.getShort(start + 8) & 0xFFFF);
        long last = (b.getInt(start + 16) & 0xFFFFFFFFL) * 1000 + (b.getShort(start + 10) & 0xFFFF);
        int tcpFlags = b.get(start + 21) & 0xFF;
        int proto = b.get(start + 22) & 0xFF;
        int srcPort = b.getShort(start + 24) & 0xFFFF;
        int dstPort = b.getShort(start + 26) & 0xFFFF;
        IpAddress src;
        IpAddress dst;
        if (v6) {
            src = new IpAddress(b.getLong(at), b.getLong(at + 8));
            dst = new IpAddress(b.getLong(at + 16), b.getLong(at + 24));
            at += 32;
        } else {
            src = IpAddress.ofV4(b.getInt(at));
            dst = IpAddress.ofV4(b.getInt(at + 4));
            at += 8;
        }
        long packets = (flags & FLAG_PKG_64) != 0 ? b.getLong(at) : b.getInt(at) & 0xFFFFFFFFL;
        sink.record(first * NANOS_PER_MILLI, last * NANOS_PER_MILLI, src, dst, proto, srcPort, dstPort, tcpFlags,
                packets, dstPort);
        return true;
    }

    /** The decoder of a compression type, or null for none and for those not read (unknown ones). */
    private static Decompressor decompressor(int compression) {
        return switch (compression) {
            case LZO -> new LzoDecompressor();
            case BZ2 -> new Bzip2Decompressor();
            case LZ4 -> new Lz4Decompressor();
            case ZSTD -> new ZstdDecompressor();
            default -> null;
        };
    }

    private static String compressionName(int compression) {
        return switch (compression) {
            case LZO -> "LZO";
            case BZ2 -> "BZ2";
            case LZ4 -> "LZ4";
            case ZSTD -> "ZSTD";
            default -> "unknown (" + compression + ")";
        };
    }
}
