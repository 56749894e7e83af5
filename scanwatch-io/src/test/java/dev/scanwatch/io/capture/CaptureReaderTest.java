package dev.scanwatch.io.capture;

import static dev.scanwatch.io.capture.CaptureBuilder.ACK;
import static dev.scanwatch.io.capture.CaptureBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader.ReadResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CaptureReaderTest {

    private static final long T0 = 1_700_000_000L;
    private static final int LINKTYPE_RAW = 101;
    private static final int LINKTYPE_SLL2 = 276;

    @TempDir
    Path dir;

    private final List<String> packets = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();

    private void collect(Packet p) {
        packets.add(p.toString());
        times.add(p.timeNanos);
    }

    private ReadResult read(byte[] capture) throws IOException {
        return CaptureReader.read("mem", new ByteArrayInputStream(capture), this::collect);
    }

    private static CaptureBuilder threePackets(CaptureBuilder b) {
        return b.tcp("10.0.0.1", 4444, "10.0.0.2", 445, SYN).at(T0, 123_456_000)
                .tcp("10.0.0.2", 445, "10.0.0.1", 4444, SYN | ACK).at(T0, 124_000_000)
                .udp("2001:db8::1", 5353, "2001:db8::2", 53, 20).at(T0 + 5);
    }

    // ---- classic pcap -----------------------------------------------------------------------

    @Test
    void pcapMicrosAndNanosInBothByteOrdersGiveIdenticalPackets() throws IOException {
        List<List<String>> seen = new ArrayList<>();
        List<String> formats = new ArrayList<>();
        for (CaptureBuilder b : List.of(CaptureBuilder.pcap().littleEndian(), CaptureBuilder.pcap().bigEndian(),
                CaptureBuilder.pcapNanos().littleEndian(), CaptureBuilder.pcapNanos().bigEndian())) {
            packets.clear();
            ReadResult r = read(threePackets(b).bytes());
            assertThat(r.problem()).isNull();
            assertThat(r.complete()).isTrue();
            formats.add(r.format());
            seen.add(List.copyOf(packets));
        }
        assertThat(formats).containsExactly("pcap", "pcap", "pcap-ns", "pcap-ns");
        assertThat(seen).allSatisfy(list -> assertThat(list).isEqualTo(seen.get(0)));
        assertThat(seen.get(0)).hasSize(3);
        assertThat(seen.get(0).get(0)).startsWith((T0 * 1_000_000_000L + 123_456_000) + " 10.0.0.1:4444 > 10.0.0.2:445");
        assertThat(seen.get(0).get(2)).startsWith((T0 + 5) * 1_000_000_000L + " 2001:db8::1:5353");
    }

    @Test
    void pcapNanosKeepsNanoseconds() throws IOException {
        read(CaptureBuilder.pcapNanos().tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN).at(T0, 987_654_321).bytes());
        assertThat(times).containsExactly(T0 * 1_000_000_000L + 987_654_321);
    }

    @Test
    void pcapWithAnotherLinkTypeAndStats() throws IOException {
        byte[] capture = CaptureBuilder.pcap().linkType(LINKTYPE_SLL2)
                .tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN)
                .frame(new byte[10])
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.stats().frames()).isEqualTo(2);
        assertThat(r.stats().ipPackets()).isEqualTo(1);
        assertThat(r.stats().truncatedFrames()).isEqualTo(1);
        assertThat(r.stats().interfaces()).isEqualTo(1);
        assertThat(r.stats().capturedBytes()).isEqualTo(20 + 40 + 10);
        assertThat(r.stats().describe()).isEqualTo("2 frames, 70 bytes, 1 IP packets, 1 truncated, 1 interface");
    }

    @Test
    void everyNonIpOutcomeIsCounted() throws IOException {
        byte[] fragment = Frames.ipv4Fragment(Frames.udp("10.0.0.1", 1, "10.0.0.2", 2, 100), 10, false);
        byte[] malformed = Frames.tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN, 0);
        malformed[0] = 0x41;
        ReadResult r = read(CaptureBuilder.pcap()
                .frame(Frames.arpRequest("10.0.0.1", "10.0.0.2"))
                .ip(fragment)
                .ip(malformed)
                .tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN)
                .bytes());

        CaptureStats s = r.stats();
        assertThat(s.frames()).isEqualTo(4);
        assertThat(s.nonIpFrames()).isEqualTo(1);
        assertThat(s.fragmentsSkipped()).isEqualTo(1);
        assertThat(s.malformedFrames()).isEqualTo(1);
        assertThat(s.ipPackets()).isEqualTo(1);
        assertThat(packets).hasSize(1);
    }

    @Test
    void unsupportedLinkTypeIsCountedPerFrame() throws IOException {
        ReadResult r = read(CaptureBuilder.pcap().linkType(147).frame(new byte[30]).frame(new byte[30]).bytes());
        assertThat(r.problem()).isNull();
        assertThat(r.stats().unsupportedLinkFrames()).isEqualTo(2);
        assertThat(r.stats().describe()).contains("2 unsupported link type");
    }

    @Test
    void snapLengthCutFramesAreCountedNotFatal() throws IOException {
        ReadResult r = read(CaptureBuilder.pcap().snaplen(44)
                .tcp("10.0.0.1", 1, "10.0.0.2", 80, SYN)
                .udp("10.0.0.1", 1, "10.0.0.2", 53)
                .bytes());

        assertThat(r.problem()).isNull();
        assertThat(r.stats().truncatedFrames()).isEqualTo(1);
        assertThat(r.stats().ipPackets()).isEqualTo(1);
    }

    @Test
    void theHandlerGetsOneReusedPacket() throws IOException {
        List<Packet> instances = new ArrayList<>();
        CaptureReader.read("mem", new ByteArrayInputStream(threePackets(CaptureBuilder.pcap()).bytes()), instances::add);
        assertThat(instances).hasSize(3);
        assertThat(instances.get(0)).isSameAs(instances.get(2));
    }

    @Test
    void recordsStraddlingTheWindowEndThroughASlowStream() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        int count = 30;
        for (int i = 0; i < count; i++) {
            b.tcp("10.0.0.1", 1000 + i, "10.0.0.2", 80, ACK, 200_000 - 54);
        }
        ReadResult r = CaptureReader.read("slow", new ChunkedStream(b.bytes(), 7919), this::collect);

        assertThat(r.problem()).isNull();
        assertThat(packets).hasSize(count);
        assertThat(packets.get(count - 1)).contains("10.0.0.1:1029");
    }

    // ---- pcapng -----------------------------------------------------------------------------

    @Test
    void pcapngWithTwoInterfacesOfDifferentLinkTypesAndResolutions() throws IOException {
        byte[] capture = CaptureBuilder.pcapng()
                .iface(CaptureBuilder.LINKTYPE_ETHERNET)
                .iface(LINKTYPE_RAW, CaptureBuilder.TSRESOL_NANOS)
                .iface(LINKTYPE_SLL2, CaptureBuilder.tsresolBinary(10))
                .onInterface(0).tcp("10.0.0.1", 1111, "10.0.0.2", 22, SYN).at(T0, 250_000)
                .onInterface(1).tcp("10.0.0.3", 2222, "10.0.0.4", 23, SYN).at(T0, 123_456_789)
                .onInterface(2).tcp("10.0.0.5", 3333, "10.0.0.6", 24, SYN).at(T0, 1_953_125 * 2)
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.problem()).isNull();
        assertThat(r.format()).isEqualTo("pcapng");
        assertThat(r.stats().interfaces()).isEqualTo(3);
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).contains("10.0.0.1:1111 > 10.0.0.2:22");
        assertThat(packets.get(1)).contains("10.0.0.3:2222 > 10.0.0.4:23");
        assertThat(packets.get(2)).contains("10.0.0.5:3333 > 10.0.0.6:24");
        long base = T0 * 1_000_000_000L;
        assertThat(times).containsExactly(base + 250_000, base + 123_456_789, base + 3_906_250);
    }

    @Test
    void pcapngTimestampOffset() throws IOException {
        read(CaptureBuilder.pcapng().iface(CaptureBuilder.LINKTYPE_ETHERNET, CaptureBuilder.TSRESOL_MICROS, 3600)
                .tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN).at(T0, 5_000).bytes());
        assertThat(times).containsExactly(T0 * 1_000_000_000L + 5_000);
    }

    @Test
    void pcapngBigEndianSectionAndOptionsOnPackets() throws IOException {
        ReadResult r = read(CaptureBuilder.pcapng().bigEndian()
                .tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN).comment("a comment of odd length")
                .tcp("10.0.0.1", 1, "10.0.0.2", 3, SYN)
                .bytes());
        assertThat(r.problem()).isNull();
        assertThat(packets).hasSize(2);
    }

    @Test
    void pcapngSectionsWithDifferentByteOrdersRestartInterfaceIds() throws IOException {
        byte[] capture = CaptureBuilder.pcapng()
                .iface(CaptureBuilder.LINKTYPE_ETHERNET).tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN)
                .newSection(ByteOrder.BIG_ENDIAN)
                .iface(LINKTYPE_RAW, CaptureBuilder.TSRESOL_NANOS).tcp("10.0.0.1", 1, "10.0.0.2", 3, SYN).at(T0, 7)
                .newSection(ByteOrder.LITTLE_ENDIAN)
                .iface(LINKTYPE_SLL2).tcp("10.0.0.1", 1, "10.0.0.2", 4, SYN)
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.problem()).isNull();
        assertThat(r.stats().interfaces()).isEqualTo(3);
        assertThat(packets).hasSize(3);
        assertThat(packets.get(2)).contains(":4 proto=6");
        assertThat(times.get(1)).isEqualTo(T0 * 1_000_000_000L + 7);
    }

    @Test
    void simplePacketBlocksUseInterfaceZeroAndItsSnapLength() throws IOException {
        byte[] capture = CaptureBuilder.pcapng().snaplen(60)
                .iface(CaptureBuilder.LINKTYPE_ETHERNET)
                .tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN).at(T0)
                .tcp("10.0.0.1", 1, "10.0.0.2", 3, ACK, 500).simple()
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.problem()).isNull();
        assertThat(packets).hasSize(2);
        assertThat(packets.get(1)).contains("10.0.0.2:3");
        assertThat(r.stats().capturedBytes()).isEqualTo(54 + 60);
        // No timestamp in a simple block: it inherits the previous packet's.
        assertThat(times.get(1)).isEqualTo(times.get(0));
    }

    @Test
    void obsoletePacketBlocks() throws IOException {
        byte[] capture = CaptureBuilder.pcapng()
                .iface(LINKTYPE_RAW).iface(CaptureBuilder.LINKTYPE_ETHERNET, CaptureBuilder.TSRESOL_NANOS)
                .tcp("10.0.0.1", 1, "10.0.0.2", 9, SYN).at(T0, 42).obsolete()
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.problem()).isNull();
        assertThat(packets).singleElement().asString().contains("10.0.0.2:9");
        assertThat(times).containsExactly(T0 * 1_000_000_000L + 42);
    }

    @Test
    void unknownBlocksAreSkippedAndCounted() throws IOException {
        byte[] capture = CaptureBuilder.pcapng()
                .tcp("10.0.0.1", 1, "10.0.0.2", 2, SYN)
                .unknownBlock(0x0000_0099, 20)
                .unknownBlock(5, 24) // interface statistics: known, ignored, not counted
                .unknownBlock(0x0000_0777, 3 * 1024 * 1024) // larger than the window
                .tcp("10.0.0.1", 1, "10.0.0.2", 3, SYN)
                .bytes();
        ReadResult r = read(capture);

        assertThat(r.problem()).isNull();
        assertThat(r.stats().unknownBlocksSkipped()).isEqualTo(2);
        assertThat(packets).hasSize(2);
        assertThat(r.stats().describe()).contains("2 unknown blocks skipped");
    }

    // ---- gzip, files, streams ---------------------------------------------------------------

    @Test
    void gzippedPcapAndPcapngFromFilesAndStreams() throws IOException {
        Path pcap = threePackets(CaptureBuilder.pcap()).writeGzipTo(dir.resolve("a.cap"));
        Path pcapng = threePackets(CaptureBuilder.pcapng()).writeGzipTo(dir.resolve("b.pcap"));

        ReadResult a = CaptureReader.read(pcap, this::collect);
        ReadResult b = CaptureReader.read(pcapng, this::collect);
        ReadResult c = CaptureReader.read("-", Files.newInputStream(pcapng), this::collect);

        assertThat(a.format()).isEqualTo("pcap+gzip");
        assertThat(b.format()).isEqualTo("pcapng+gzip");
        assertThat(c.format()).isEqualTo("pcapng+gzip");
        assertThat(a.source()).isEqualTo(pcap.toString());
        assertThat(c.source()).isEqualTo("-");
        assertThat(List.of(a, b, c)).allSatisfy(r -> assertThat(r.problem()).isNull());
        assertThat(packets).hasSize(9);
        assertThat(packets.subList(0, 3)).isEqualTo(packets.subList(3, 6)).isEqualTo(packets.subList(6, 9));
    }

    @Test
    void multiMemberGzip() throws IOException {
        byte[] raw = threePackets(CaptureBuilder.pcap()).bytes();
        int cut = 30;
        byte[] joined = concat(CaptureBuilder.gzip(Arrays.copyOf(raw, cut)),
                CaptureBuilder.gzip(Arrays.copyOfRange(raw, cut, raw.length)));

        ReadResult r = read(joined);
        assertThat(r.problem()).isNull();
        assertThat(packets).hasSize(3);
    }

    @Test
    void plainFileAndStdinStyleStream() throws IOException {
        byte[] bytes = threePackets(CaptureBuilder.pcapng()).bytes();
        Path file = Files.write(dir.resolve("capture.gz"), bytes); // the name lies; content decides

        ReadResult fromFile = CaptureReader.read(file, this::collect);
        ReadResult fromStream = CaptureReader.read("-", new ChunkedStream(bytes, 1), this::collect);

        assertThat(fromFile.format()).isEqualTo("pcapng");
        assertThat(fromStream.format()).isEqualTo("pcapng");
        assertThat(packets).hasSize(6);
        assertThat(packets.subList(0, 3)).isEqualTo(packets.subList(3, 6));
    }

    @Test
    void missingFileThrowsNamingIt() {
        Path missing = dir.resolve("nope.pcap");
        assertThatThrownBy(() -> CaptureReader.read(missing, p -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");
    }

    @Test
    void directoryThrowsNamingIt() {
        assertThatThrownBy(() -> CaptureReader.read(dir, p -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(dir.toString() + ": ");
    }

    // ---- problems ---------------------------------------------------------------------------

    @Test
    void emptyFile() throws IOException {
        ReadResult r = CaptureReader.read(Files.write(dir.resolve("empty.pcap"), new byte[0]), this::collect);

        assertThat(r.problem()).isEqualTo(new CaptureProblem(dir.resolve("empty.pcap").toString(), 0, "empty file"));
        assertThat(r.format()).isEqualTo("unknown");
        assertThat(r.stats().frames()).isZero();
    }

    @Test
    void textFileIsNotACapture() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "hello, this is text\n");
        ReadResult r = CaptureReader.read(text, this::collect);

        assertThat(r.problem().offset()).isZero();
        assertThat(r.problem().message()).isEqualTo("not a pcap or pcapng capture (magic 0x68656c6c)");
        assertThat(r.problem().describe()).startsWith(text + ": not a pcap");
    }

    @Test
    void gzippedTextIsNotACaptureEither() throws IOException {
        ReadResult r = read(CaptureBuilder.gzip("just text".getBytes(StandardCharsets.US_ASCII)));
        assertThat(r.format()).isEqualTo("unknown+gzip");
        assertThat(r.problem().message()).startsWith("not a pcap or pcapng capture");
    }

    @Test
    void tooShortForAMagic() throws IOException {
        ReadResult r = read(new byte[] {(byte) 0xD4, (byte) 0xC3});
        assertThat(r.problem().message()).isEqualTo("too short for a capture file header: 2 bytes");
    }

    @Test
    void truncatedGlobalHeader() throws IOException {
        ReadResult r = read(Arrays.copyOf(CaptureBuilder.pcap().bytes(), 10));
        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", 0, "truncated pcap file header: 10 of 24 bytes"));
        assertThat(r.format()).isEqualTo("pcap");
    }

    @Test
    void headerOnlyPcapIsACleanEmptyCapture() throws IOException {
        ReadResult r = read(CaptureBuilder.pcap().bytes());
        assertThat(r.problem()).isNull();
        assertThat(r.stats().frames()).isZero();
    }

    @Test
    void truncatedLastRecordDeliversTheEarlierPackets() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcap());
        byte[] full = b.bytes();
        byte[] cut = Arrays.copyOf(full, full.length - 14);
        ReadResult r = read(cut);

        int lastFrame = 14 + 40 + 8 + 20;
        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", b.recordOffset(2),
                "truncated record: " + (lastFrame - 14) + " of " + lastFrame + " bytes"));
        assertThat(packets).hasSize(2);
        assertThat(r.stats().frames()).isEqualTo(2);
    }

    @Test
    void truncatedRecordHeader() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcap());
        byte[] cut = Arrays.copyOf(b.bytes(), (int) b.recordOffset(2) + 5);
        ReadResult r = read(cut);

        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", b.recordOffset(2),
                "truncated record header: 5 of 16 bytes"));
        assertThat(packets).hasSize(2);
    }

    @Test
    void corruptCapturedLengthStopsAtThatRecord() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcap().bigEndian());
        byte[] bytes = b.bytes();
        ByteBuffer.wrap(bytes).putInt((int) b.recordOffset(1) + 8, 0x7FFF_0000);
        ReadResult r = read(bytes);

        assertThat(r.problem().offset()).isEqualTo(b.recordOffset(1));
        assertThat(r.problem().message()).isEqualTo("corrupt record: captured length 2147418112 exceeds 262144 bytes");
        assertThat(packets).hasSize(1);
    }

    @Test
    void truncatedGzipDeliversWhatWasInflated() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        for (int i = 0; i < 2000; i++) {
            b.tcp("10.0.0.1", 1000 + i, "10.0.0.2", 80, SYN, i % 50);
        }
        byte[] gz = b.gzipBytes();
        ReadResult r = read(Arrays.copyOf(gz, gz.length / 2));

        assertThat(r.format()).isEqualTo("pcap+gzip");
        assertThat(r.problem().message()).isEqualTo("truncated gzip data");
        assertThat(packets).isNotEmpty().hasSizeLessThan(2000);
    }

    @Test
    void pcapngTruncatedBlock() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] full = b.bytes();
        ReadResult r = read(Arrays.copyOf(full, full.length - 8));

        long start = b.recordOffset(2);
        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", start,
                "truncated block: " + (full.length - 8 - start) + " of " + (full.length - start) + " bytes"));
        assertThat(packets).hasSize(2);
    }

    @Test
    void pcapngBlockLengthNotAMultipleOfFour() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = (int) b.recordOffset(1) + 4;
        le.putInt(at, le.getInt(at) + 2);
        ReadResult r = read(bytes);

        assertThat(r.problem().offset()).isEqualTo(b.recordOffset(1));
        assertThat(r.problem().message()).contains("corrupt block length").contains("not a multiple of 4");
        assertThat(packets).hasSize(1);
    }

    @Test
    void pcapngBlockLengthBelowTheMinimum() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) b.recordOffset(0) + 4, 8);
        ReadResult r = read(bytes);

        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", b.recordOffset(0), "corrupt block length 8"));
        assertThat(packets).isEmpty();
    }

    @Test
    void pcapngTrailerMismatch() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = (int) b.recordOffset(2);
        int length = le.getInt(start + 4);
        le.putInt(start + length - 4, length + 4);
        ReadResult r = read(bytes);

        assertThat(r.problem().offset()).isEqualTo(start);
        assertThat(r.problem().message()).isEqualTo("corrupt block: trailing length " + (length + 4)
                + " does not match " + length);
        assertThat(packets).hasSize(2);
    }

    /** 0xFFFFFFFF reads as negative in an int: it must still be undefined, not an index. */
    @ParameterizedTest
    @ValueSource(longs = {3, 0xFFFF_FFFFL})
    void pcapngPacketForAnUndefinedInterface(long interfaceId) throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) b.recordOffset(1) + 8, (int) interfaceId);
        ReadResult r = read(bytes);

        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", b.recordOffset(1),
                "enhanced packet block for undefined interface " + interfaceId));
        assertThat(packets).hasSize(1);
    }

    /** 28 bytes is a sound length for a block in general but too short for a packet block. */
    @Test
    void pcapngPacketBlockShorterThanItsFields() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int start = (int) b.recordOffset(2);
        le.putInt(start + 4, 28);
        le.putInt(start + 24, 28);
        ReadResult r = read(Arrays.copyOf(bytes, start + 28));

        assertThat(r.problem()).isEqualTo(new CaptureProblem("mem", start, "corrupt enhanced packet block: length 28"));
        assertThat(packets).hasSize(2);
    }

    /** Blocks cut across the window's refills, and one block larger than the whole window. */
    @Test
    void pcapngBlocksStraddlingTheWindowEndThroughASlowStream() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcapng().snaplen(0);
        int count = 30;
        for (int i = 0; i < count; i++) {
            b.tcp("10.0.0.1", 1000 + i, "10.0.0.2", 80, ACK, 200_000 - 54);
        }
        b.tcp("10.0.0.1", 2000, "10.0.0.2", 80, ACK, InputWindow.DEFAULT_CAPACITY + 3 - 54);
        b.tcp("10.0.0.1", 2001, "10.0.0.2", 80, ACK, 1);
        ReadResult r = CaptureReader.read("slow", new ChunkedStream(b.bytes(), 7919), this::collect);

        assertThat(r.problem()).isNull();
        assertThat(packets).hasSize(count + 2);
        assertThat(packets.get(count - 1)).contains("10.0.0.1:1029");
        assertThat(packets.get(count)).contains("10.0.0.1:2000");
        assertThat(packets.get(count + 1)).contains("10.0.0.1:2001");
        assertThat(r.stats().capturedBytes()).isEqualTo(count * 200_000L + InputWindow.DEFAULT_CAPACITY + 3 + 55);
    }

    @Test
    void pcapngCapturedLengthBeyondTheBlock() throws IOException {
        CaptureBuilder b = threePackets(CaptureBuilder.pcapng());
        byte[] bytes = b.bytes();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt((int) b.recordOffset(0) + 20, 5000);
        ReadResult r = read(bytes);

        assertThat(r.problem().offset()).isEqualTo(b.recordOffset(0));
        assertThat(r.problem().message()).startsWith("corrupt enhanced packet block: captured length 5000 exceeds");
    }

    @Test
    void pcapngBadByteOrderMagic() throws IOException {
        byte[] bytes = threePackets(CaptureBuilder.pcapng()).bytes();
        bytes[8] = 0x11;
        ReadResult r = read(bytes);

        assertThat(r.problem().offset()).isZero();
        assertThat(r.problem().message()).startsWith("corrupt section header: byte-order magic");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }

    /** Hands out at most {@code chunk} bytes per read, like a pipe does. */
    private static final class ChunkedStream extends InputStream {
        private final byte[] data;
        private final int chunk;
        private int position;

        ChunkedStream(byte[] data, int chunk) {
            this.data = data;
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return position < data.length ? data[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, chunk), data.length - position);
            System.arraycopy(data, position, b, off, n);
            position += n;
            return n;
        }
    }
}
