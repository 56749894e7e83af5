package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * nfdump's binary files, built here byte by byte after nfdump 1.7's layout 2 (the real files of
 * nfpcapd and nfcapd are read in the CLI's tool-equivalence tests and against their CSV twins in
 * {@link FlowSharedFilesTest}).
 */
class NfcapdReaderTest {

    private static final long T0 = 1_700_000_000_000L; // milliseconds
    private static final int SYN = 0x02;
    private static final int RST_ACK = 0x14;

    /** A file: header, then blocks. */
    private static final class NfdumpFile {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        NfdumpFile(int layout, int compression, int encryption) {
            ByteBuffer h = le(NfcapdParser.FILE_HEADER);
            h.putShort((short) NfcapdParser.MAGIC).putShort((short) layout).putInt(0x01070100).putLong(T0 / 1000);
            h.put((byte) compression).put((byte) encryption).putShort((short) 0).putInt(2).putLong(0);
            h.putInt(0).putInt(1);
            out.writeBytes(h.array());
        }

        NfdumpFile block(int type, int flags, byte[]... records) {
            int size = Arrays.stream(records).mapToInt(r -> r.length).sum();
            ByteBuffer b = le(NfcapdParser.BLOCK_HEADER);
            b.putInt(records.length).putInt(size).putShort((short) type).putShort((short) flags);
            out.writeBytes(b.array());
            for (byte[] r : records) {
                out.writeBytes(r);
            }
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A V3 record of these elements. */
    private static byte[] v3(byte[]... elements) {
        int size = NfcapdParser.V3_HEADER + Arrays.stream(elements).mapToInt(e -> e.length).sum();
        ByteBuffer r = le(size);
        r.putShort((short) NfcapdParser.V3_RECORD).putShort((short) size).putShort((short) elements.length);
        r.put((byte) 0).put((byte) 0).putShort((short) 1).put((byte) 0).put((byte) 9);
        for (byte[] e : elements) {
            r.put(e);
        }
        return r.array();
    }

    private static byte[] generic(long firstMs, int proto, int srcPort, int dstPort, int flags, long packets) {
        ByteBuffer e = le(NfcapdParser.GENERIC_FLOW_LENGTH);
        e.putShort((short) NfcapdParser.EX_GENERIC_FLOW).putShort((short) NfcapdParser.GENERIC_FLOW_LENGTH);
        e.putLong(firstMs).putLong(firstMs).putLong(firstMs + 5).putLong(packets).putLong(packets * 60);
        e.putShort((short) srcPort).putShort((short) dstPort).put((byte) proto).put((byte) flags).put((byte) 0)
                .put((byte) 0);
        return e.array();
    }

    private static byte[] ipv4(String src, String dst) {
        ByteBuffer e = le(NfcapdParser.IPV4_FLOW_LENGTH);
        e.putShort((short) NfcapdParser.EX_IPV4_FLOW).putShort((short) NfcapdParser.IPV4_FLOW_LENGTH);
        e.putInt((int) IpAddress.parse(src).lo()).putInt((int) IpAddress.parse(dst).lo());
        return e.array();
    }

    private static byte[] ipv6(String src, String dst) {
        ByteBuffer e = le(NfcapdParser.IPV6_FLOW_LENGTH);
        e.putShort((short) NfcapdParser.EX_IPV6_FLOW).putShort((short) NfcapdParser.IPV6_FLOW_LENGTH);
        IpAddress s = IpAddress.parse(src);
        IpAddress d = IpAddress.parse(dst);
        e.putLong(s.hi()).putLong(s.lo()).putLong(d.hi()).putLong(d.lo());
        return e.array();
    }

    /** A layout-1 file (nfdump 1.6): header, statistics record, one block of type 2. */
    private static byte[] layout1File(int flags, byte[]... records) {
        ByteBuffer h = le(NfcapdParser.LAYOUT_1_START);
        h.putShort((short) NfcapdParser.MAGIC).putShort((short) NfcapdParser.LAYOUT_1).putInt(flags).putInt(1);
        h.put("none".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        int size = Arrays.stream(records).mapToInt(r -> r.length).sum();
        ByteBuffer b = le(NfcapdParser.BLOCK_HEADER);
        b.putInt(records.length).putInt(size).putShort((short) NfcapdParser.DATA_BLOCK_TYPE_2).putShort((short) 0);
        out.writeBytes(b.array());
        for (byte[] r : records) {
            out.writeBytes(r);
        }
        return out.toByteArray();
    }

    /** A layout-1 common record: 32-bit counters for IPv4, 64-bit (flagged) for IPv6, then a 4-byte extension. */
    private static byte[] common(int msec, String src, String dst, int proto, int srcPort, int dstPort, int tcpFlags,
                                 long packets) {
        boolean v6 = src.contains(":");
        int flags = v6 ? NfcapdParser.FLAG_IPV6_ADDR | NfcapdParser.FLAG_PKG_64 | 0x4 : 0;
        int size = NfcapdParser.COMMON_HEAD + (v6 ? 32 + 16 : 8 + 8) + 4;
        ByteBuffer r = le(size);
        long seconds = T0 / 1000;
        r.putShort((short) NfcapdParser.COMMON_RECORD).putShort((short) size).putShort((short) flags).putShort((short) 0);
        r.putShort((short) msec).putShort((short) msec).putInt((int) seconds).putInt((int) seconds);
        r.put((byte) 0).put((byte) tcpFlags).put((byte) proto).put((byte) 0);
        r.putShort((short) srcPort).putShort((short) dstPort).putShort((short) 1).put((byte) 0).put((byte) 0);
        IpAddress s = IpAddress.parse(src);
        IpAddress d = IpAddress.parse(dst);
        if (v6) {
            r.putLong(s.hi()).putLong(s.lo()).putLong(d.hi()).putLong(d.lo()).putLong(packets).putLong(packets * 60);
        } else {
            r.putInt((int) s.lo()).putInt((int) d.lo()).putInt((int) packets).putInt((int) packets * 60);
        }
        r.putInt(0x1234); // an extension the map would describe; not read
        return r.array();
    }

    @Test
    void nfdump16FilesAreRead() throws IOException {
        byte[] file = layout1File(0,
                common(250, "198.51.100.7", "10.0.0.1", 6, 40000, 445, SYN, 1),
                common(251, "10.0.0.1", "198.51.100.7", 6, 445, 40000, RST_ACK, 1),
                common(300, "2001:db8::7", "2001:db8::53", 17, 40001, 53, 0, 1));
        Read r = read(file);
        assertThat(r.result().problem()).isNull();
        assertThat(r.result().records()).isEqualTo(3);
        assertThat(r.attempts()).extracting(a -> a.src() + ">" + a.dst() + " " + a.protocol() + "/" + a.port())
                .containsExactlyInAnyOrder("198.51.100.7>10.0.0.1 TCP/445", "2001:db8::7>2001:db8::53 UDP/53");
        Attempt tcp = r.attempts().stream().filter(a -> a.protocol() == Protocol.TCP).findFirst().orElseThrow();
        assertThat(tcp.timeNanos()).isEqualTo((T0 / 1000 * 1000 + 250) * 1_000_000L);
        assertThat(tcp.outcome().name()).isEqualTo("CLOSED");
        Read cut = read(Arrays.copyOf(file, file.length - 20));
        assertThat(cut.result().problem().message()).startsWith("truncated block: ");
        assertThat(cut.attempts()).hasSize(1); // the TCP probe and its answer were whole
    }

    private record Read(FlowReader.Result result, List<Attempt> attempts) {
    }

    private static Read read(byte[] file) throws IOException {
        List<Attempt> attempts = new ArrayList<>();
        FlowReader.Result r = FlowReader.read("test.nfcapd", new ByteArrayInputStream(file), FlowFormat.NFCAPD,
                attempts::add);
        return new Read(r, attempts);
    }

    @Test
    void isRecognisedByItsMagic() {
        byte[] file = new NfdumpFile(2, 0, 0).bytes();
        assertThat(FlowReader.detect(file, file.length)).isEqualTo(FlowFormat.NFCAPD);
    }

    @Test
    void probesAndTheirAnswersBecomeAttempts() throws IOException {
        byte[] file = new NfdumpFile(2, 0, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1")),
                v3(generic(T0 + 1, 6, 445, 40000, RST_ACK, 1), ipv4("10.0.0.1", "198.51.100.7")),
                v3(generic(T0 + 2, 17, 40001, 53, 0, 1), ipv6("2001:db8::7", "2001:db8::53")),
                v3(generic(T0 + 3, 1, 0, 8 << 8, 0, 1), ipv4("198.51.100.7", "10.0.0.2")),
                v3(ipv4("10.0.0.9", "10.0.0.10"))) // no flow element: an event record
                .bytes();
        Read r = read(file);
        assertThat(r.result().problem()).isNull();
        assertThat(r.result().records()).isEqualTo(5);
        assertThat(r.attempts()).extracting(a -> a.src() + ">" + a.dst() + " " + a.protocol() + "/" + a.port())
                .containsExactlyInAnyOrder("198.51.100.7>10.0.0.1 TCP/445", "2001:db8::7>2001:db8::53 UDP/53",
                        "198.51.100.7>10.0.0.2 ICMP/0");
        Attempt tcp = r.attempts().stream().filter(a -> a.protocol() == Protocol.TCP).findFirst().orElseThrow();
        assertThat(tcp.outcome().name()).isEqualTo("CLOSED");
        assertThat(tcp.timeNanos()).isEqualTo(T0 * 1_000_000L);
        assertThat(r.result().skipped().count(SkipReason.PAIRED_ANSWER)).isEqualTo(1);
        assertThat(r.result().skipped().count(SkipReason.NOT_A_FLOW)).isEqualTo(1);
    }

    @Test
    void aTruncatedFileGivesTheRecordsItHoldsWhole() throws IOException {
        byte[] whole = new NfdumpFile(2, 0, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1")),
                v3(generic(T0 + 1, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.2"))).bytes();
        Read r = read(Arrays.copyOf(whole, whole.length - 10));
        assertThat(r.attempts()).extracting(a -> a.dst().toString()).containsExactly("10.0.0.1");
        assertThat(r.result().problem().offset()).isEqualTo(NfcapdParser.FILE_HEADER);
        assertThat(r.result().problem().message()).startsWith("truncated block: ");
    }

    @Test
    void aMalformedRecordIsCountedAtItsOffsetAndReadingGoesOn() throws IOException {
        byte[] noAddresses = v3(generic(T0, 6, 40000, 445, SYN, 1));
        byte[] file = new NfdumpFile(2, 0, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, noAddresses,
                v3(generic(T0 + 1, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.2"))).bytes();
        Read r = read(file);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.result().skipped().describe()).contains("1 malformed (byte offset "
                                                             + (NfcapdParser.FILE_HEADER + NfcapdParser.BLOCK_HEADER) + ")");
    }

    @Test
    void aRecordLongerThanItsBlockIsACorruptFile() throws IOException {
        byte[] record = v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1"));
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putShort(2, (short) 500);
        Read r = read(new NfdumpFile(2, 0, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, record).bytes());
        assertThat(r.result().problem().message()).isEqualTo("corrupt record: size 500 in a block of "
                                                              + record.length + " bytes");
        assertThat(r.result().problem().offset()).isEqualTo(NfcapdParser.FILE_HEADER + NfcapdParser.BLOCK_HEADER);
    }

    /** LZO, LZ4 and ZSTD blocks, compressed here with the same library (nfdump's own are in FlowSharedFilesTest). */
    @Test
    void compressedBlocksAreRead() throws IOException {
        byte[][] records = {v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1")),
                            v3(generic(T0 + 1, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.2"))};
        byte[] plain = new byte[records[0].length + records[1].length];
        System.arraycopy(records[0], 0, plain, 0, records[0].length);
        System.arraycopy(records[1], 0, plain, records[0].length, records[1].length);
        io.airlift.compress.Compressor[] compressors = {new io.airlift.compress.lzo.LzoCompressor(),
                new io.airlift.compress.lz4.Lz4Compressor(), new io.airlift.compress.zstd.ZstdCompressor()};
        int[] types = {1, 3, 4};
        for (int i = 0; i < types.length; i++) {
            byte[] packed = new byte[compressors[i].maxCompressedLength(plain.length)];
            int n = compressors[i].compress(plain, 0, plain.length, packed, 0, packed.length);
            Read r = read(new NfdumpFile(2, types[i], 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                    Arrays.copyOf(packed, n)).bytes());
            assertThat(r.result().problem()).as("compression %d", types[i]).isNull();
            assertThat(r.attempts()).as("compression %d", types[i]).extracting(a -> a.dst().toString())
                    .containsExactly("10.0.0.1", "10.0.0.2");
        }
        Read garbage = read(new NfdumpFile(2, 3, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                new byte[] {(byte) 0xF0, 1, 2}).bytes());
        assertThat(garbage.result().problem().message()).startsWith("corrupt LZ4 block");
    }

    /** Inside a compressed block a record has no offset in the file: the block's offset stands for it. */
    @Test
    void problemsInACompressedBlockNameTheBlock() throws IOException {
        byte[] good = v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1"));
        byte[] noAddresses = v3(generic(T0 + 1, 6, 40000, 445, SYN, 1));
        byte[] tooLong = v3(generic(T0 + 2, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.2"));
        ByteBuffer.wrap(tooLong).order(ByteOrder.LITTLE_ENDIAN).putShort(2, (short) 500);
        byte[] firstBlock = bzip2(good);
        long secondBlockAt = NfcapdParser.FILE_HEADER + NfcapdParser.BLOCK_HEADER + firstBlock.length;

        Read r = read(new NfdumpFile(2, 2, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, firstBlock)
                .block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, bzip2(noAddresses, tooLong)).bytes());

        assertThat(r.attempts()).extracting(a -> a.dst().toString()).containsExactly("10.0.0.1");
        assertThat(r.result().skipped().describe()).contains("1 malformed (byte offset " + secondBlockAt + ")");
        assertThat(r.result().problem().offset()).isEqualTo(secondBlockAt);
        assertThat(r.result().problem().message()).isEqualTo("corrupt record: size 500 in a block of "
                + (noAddresses.length + tooLong.length) + " bytes (at byte " + noAddresses.length
                + " once decompressed)");
    }

    /** BZ2 blocks are whole bzip2 streams, as libbz2 writes them for nfdump -j. */
    @Test
    void bz2BlocksAreRead() throws IOException {
        byte[] first = v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1"));
        byte[] second = v3(generic(T0 + 1, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.2"));
        byte[] third = v3(generic(T0 + 2, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.3"));
        Read r = read(new NfdumpFile(2, 2, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, bzip2(first, second))
                .block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, bzip2(third)).bytes());
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).extracting(a -> a.dst().toString())
                .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3");
        byte[] whole = bzip2(first);
        Read cut = read(new NfdumpFile(2, 2, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                Arrays.copyOf(whole, whole.length - 8)).bytes());
        assertThat(cut.result().problem().message()).startsWith("corrupt BZ2 block");
        Read garbage = read(new NfdumpFile(2, 2, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0,
                new byte[] {'B', 'Z', 'h', '9', 1, 2, 3}).bytes());
        assertThat(garbage.result().problem().message()).startsWith("corrupt BZ2 block");
    }

    private static byte[] bzip2(byte[]... records) throws IOException {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream out = new io.airlift.compress.bzip2.BZip2HadoopStreams().createOutputStream(packed)) {
            for (byte[] record : records) {
                out.write(record);
            }
        }
        return packed.toByteArray();
    }

    @Test
    void whatIsNotReadSaysHowToConvertIt() throws IOException {
        byte[] record = v3(generic(T0, 6, 40000, 445, SYN, 1), ipv4("198.51.100.7", "10.0.0.1"));
        Read unknown = read(new NfdumpFile(2, 7, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 0, record).bytes());
        assertThat(unknown.result().problem().message())
                .startsWith("unknown (7)-compressed nfdump file is not read; convert it")
                .contains("nfdump -r FILE -w NEW");
        assertThat(unknown.attempts()).isEmpty();
        // A block nfdump marked uncompressed in a compressed file is read.
        Read marked = read(new NfdumpFile(2, 3, 0).block(NfcapdParser.DATA_BLOCK_TYPE_3, 1, record).bytes());
        assertThat(marked.attempts()).hasSize(1);
        Read layout1 = read(layout1File(0x1, common(0, "198.51.100.7", "10.0.0.1", 6, 40000, 445, SYN, 1)));
        assertThat(layout1.result().problem().message()).startsWith("compressed nfdump 1.6 file is not read; convert it");
        assertThat(layout1.attempts()).isEmpty();
        Read encrypted = read(new NfdumpFile(2, 0, 1).bytes());
        assertThat(encrypted.result().problem().message()).isEqualTo("encrypted nfdump file is not read");
    }
}
