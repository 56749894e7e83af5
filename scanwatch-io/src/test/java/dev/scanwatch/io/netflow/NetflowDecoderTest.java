package dev.scanwatch.io.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.net.IpAddress;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetflowDecoderTest {

    private static final IpAddress EXPORTER = IpAddress.parse("192.0.2.1");
    private static final IpAddress OTHER_EXPORTER = IpAddress.parse("2001:db8::1");
    private static final long UNIX = 1_700_000_000L;

    /** Copies of the decoded records (the decoder reuses its instance). */
    private final List<String> lines = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    private final List<FlowRecord> copies = new ArrayList<>();
    private final NetflowDecoder decoder = new NetflowDecoder(r -> {
        lines.add(r.toString());
        times.add(new long[] {r.startMillis, r.endMillis});
        FlowRecord c = new FlowRecord();
        c.srcHi = r.srcHi;
        c.srcLo = r.srcLo;
        c.dstHi = r.dstHi;
        c.dstLo = r.dstLo;
        c.srcPort = r.srcPort;
        c.dstPort = r.dstPort;
        c.protocol = r.protocol;
        c.tcpFlags = r.tcpFlags;
        c.packets = r.packets;
        c.bytes = r.bytes;
        c.icmpTypeCode = r.icmpTypeCode;
        c.hasReverse = r.hasReverse;
        c.reversePackets = r.reversePackets;
        c.reverseTcpFlags = r.reverseTcpFlags;
        c.samplingInterval = r.samplingInterval;
        c.startMillis = r.startMillis;
        copies.add(c);
    });

    private int decode(IpAddress exporter, byte[] datagram) {
        return decoder.decode(exporter, ByteBuffer.wrap(datagram), 0, datagram.length);
    }

    // ---- NetFlow v5

    private static byte[] v5(int count, int records, int sampling) {
        Datagrams d = new Datagrams().u16(5).u16(count).u32(100_000).u32(UNIX).u32(500_000_000).u32(7)
                .u8(0).u8(0).u16(sampling);
        for (int i = 0; i < records; i++) {
            d.ip(10, 0, 0, 1).ip(10, 0, 0, 2 + i).ip(0, 0, 0, 0).u16(1).u16(2)
                    .u32(1).u32(44).u32(99_000).u32(99_500)
                    .u16(40000 + i).u16(22).u8(0).u8(0x02).u8(6).u8(0).u16(0).u16(0).u8(24).u8(24).u16(0);
        }
        return d.toArray();
    }

    @Test
    void v5RecordsWithUptimeRelativeTimesAndSampling() {
        assertThat(decode(EXPORTER, v5(2, 2, 0x4000 | 100))).isEqualTo(5);
        assertThat(copies).hasSize(2);
        FlowRecord r = copies.get(0);
        assertThat(r.src()).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(r.dst()).isEqualTo(IpAddress.parse("10.0.0.2"));
        assertThat(r.srcPort).isEqualTo(40000);
        assertThat(r.dstPort).isEqualTo(22);
        assertThat(r.protocol).isEqualTo(6);
        assertThat(r.tcpFlags).isEqualTo(0x02);
        assertThat(r.packets).isEqualTo(1);
        // export at UNIX.5 s with uptime 100 s; the flow started at uptime 99 s: one second earlier
        assertThat(times.get(0)[0]).isEqualTo(UNIX * 1000 + 500 - 1000);
        assertThat(times.get(0)[1]).isEqualTo(UNIX * 1000 + 500 - 500);
        assertThat(r.samplingInterval).isEqualTo(100);
        ExporterStats s = decoder.stats().exporters().iterator().next();
        assertThat(s.records()).isEqualTo(2);
        assertThat(s.samplingInterval()).isEqualTo(100);
    }

    @Test
    void v5CountPastTheEndIsMalformedButCompleteRecordsStand() {
        assertThat(decode(EXPORTER, v5(3, 2, 0))).isZero();
        assertThat(copies).hasSize(2);
        ExporterStats s = decoder.stats().exporters().iterator().next();
        assertThat(s.malformedDatagrams()).isEqualTo(1);
        assertThat(s.lastProblem()).contains("count 3");
    }

    // ---- NetFlow v9

    private static byte[] v9Template(int id) {
        return Datagrams.set(0, new Datagrams().u16(id).u16(9)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(6).u16(1)
                .u16(2).u16(4).u16(22).u16(4).u16(21).u16(4).toArray());
    }

    private static byte[] v9Data(int id, int n) {
        Datagrams d = new Datagrams();
        for (int i = 0; i < n; i++) {
            d.ip(10, 1, 0, 1).ip(10, 1, 0, 9).u16(50000).u16(80 + i).u8(6).u8(0x12).u32(3).u32(4_000).u32(4_900);
        }
        d.u8(0).u8(0).u8(0); // padding to a 4-byte boundary
        return Datagrams.set(id, d.toArray());
    }

    @Test
    void v9TemplateThenData() {
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Template(256), v9Data(256, 3)));
        assertThat(copies).hasSize(3);
        assertThat(copies.get(2).dstPort).isEqualTo(82);
        assertThat(copies.get(0).tcpFlags).isEqualTo(0x12);
        assertThat(times.get(0)[0]).isEqualTo(UNIX * 1000 - 1_000);
        assertThat(times.get(0)[1]).isEqualTo(UNIX * 1000 - 100);
    }

    @Test
    void v9TemplatesArePerSourceIdAndExporter() {
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Template(256)));
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 2, v9Data(256, 1)));       // other source ID
        decode(OTHER_EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Data(256, 1))); // other exporter
        assertThat(copies).isEmpty();
        assertThat(decoder.stats().unknownTemplateSets()).isEqualTo(2);
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Data(256, 2)));
        assertThat(copies).hasSize(2);
    }

    @Test
    void v9OptionsTemplateGivesTheSamplingInterval() {
        byte[] optionsTemplate = Datagrams.set(1, new Datagrams().u16(300).u16(4).u16(8)
                .u16(1).u16(4)            // scope: system
                .u16(34).u16(4).u16(35).u16(1).u8(0).u8(0).toArray());
        byte[] optionsData = Datagrams.set(300, new Datagrams().u32(0).u32(64).u8(2).u8(0).u8(0).u8(0).toArray());
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 1, optionsTemplate, optionsData, v9Template(256), v9Data(256, 1)));
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).samplingInterval).isEqualTo(64);
        assertThat(decoder.stats().exporters().iterator().next().samplingInterval()).isEqualTo(64);
        assertThat(decoder.stats().malformedDatagrams()).isZero();
    }

    @Test
    void unknownTemplateIsCountedPerExporter() {
        decode(EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Data(400, 2)));
        decode(OTHER_EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Data(400, 2)));
        decode(OTHER_EXPORTER, Datagrams.v9(5_000, UNIX, 1, v9Data(401, 2)));
        assertThat(copies).isEmpty();
        List<ExporterStats> s = new ArrayList<>(decoder.stats().exporters());
        assertThat(s.get(0).unknownTemplateSets()).isEqualTo(1);
        assertThat(s.get(1).unknownTemplateSets()).isEqualTo(2);
        assertThat(s.get(1).describe()).contains("2001:db8::1").contains("2 unknown-template sets");
    }

    // ---- IPFIX

    /** srcIPv6, dstIPv6, ports, protocol, a variable-length enterprise string, flowStartMilliseconds, packets. */
    private static byte[] ipfixTemplate(int id) {
        return Datagrams.set(2, new Datagrams().u16(id).u16(8)
                .u16(27).u16(16).u16(28).u16(16).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1)
                .u16(0x8000 | 1001).u16(0xFFFF).u32(9999)    // enterprise, variable length: skipped
                .u16(152).u16(8).u16(2).u16(4).toArray());
    }

    private static byte[] ipfixRecord(Datagrams d, int dstPort, byte[] name) {
        d.u64(0x20010db800000000L).u64(1).u64(0x20010db800000000L).u64(2).u16(33333).u16(dstPort).u8(17);
        if (name.length < 255) {
            d.u8(name.length);
        } else {
            d.u8(255).u16(name.length);
        }
        return d.bytes(name).u64(UNIX * 1000 + 123).u32(1).toArray();
    }

    @Test
    void ipfixVariableLengthAndEnterpriseFieldsAreSkippedByLength() {
        Datagrams data = new Datagrams();
        ipfixRecord(data, 53, "short".getBytes());
        ipfixRecord(data, 123, new byte[300]); // the 255 escape with a 2-byte length
        decode(EXPORTER, Datagrams.ipfix(UNIX, 7, ipfixTemplate(256), Datagrams.set(256, data.toArray())));
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).src()).isEqualTo(IpAddress.parse("2001:db8::1"));
        assertThat(copies.get(0).dst()).isEqualTo(IpAddress.parse("2001:db8::2"));
        assertThat(copies.get(1).dstPort).isEqualTo(123);
        assertThat(copies.get(1).protocol).isEqualTo(17);
        assertThat(times.get(1)[0]).isEqualTo(UNIX * 1000 + 123);
        assertThat(decoder.stats().malformedDatagrams()).isZero();
    }

    @Test
    void ipfixVariableLengthRecordPastTheSetIsMalformed() {
        Datagrams data = new Datagrams();
        byte[] record = ipfixRecord(data, 53, "abc".getBytes());
        byte[] cut = java.util.Arrays.copyOf(record, 60); // long enough for a record, not for 100 bytes of string
        cut[37] = 100; // claims 100 bytes
        decode(EXPORTER, Datagrams.ipfix(UNIX, 7, ipfixTemplate(256), Datagrams.set(256, cut)));
        assertThat(copies).isEmpty();
        assertThat(decoder.stats().malformedDatagrams()).isEqualTo(1);
        assertThat(decoder.stats().exporters().iterator().next().lastProblem()).contains("runs past its set");
    }

    private static byte[] ipfixSmallTemplate(int id, boolean withFlags) {
        Datagrams t = new Datagrams().u16(id).u16(withFlags ? 6 : 5)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1);
        if (withFlags) {
            t.u16(6).u16(2);
        }
        return Datagrams.set(2, t.toArray());
    }

    private static byte[] ipfixSmallData(int id, boolean withFlags) {
        Datagrams d = new Datagrams().ip(10, 2, 0, 1).ip(10, 2, 0, 2).u16(40000).u16(443).u8(6);
        if (withFlags) {
            d.u16(0x0002);
        }
        return Datagrams.set(id, d.toArray());
    }

    @Test
    void ipfixWithdrawalForgetsTheTemplate() {
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallTemplate(256, false), ipfixSmallData(256, false)));
        assertThat(copies).hasSize(1);
        byte[] withdrawal = Datagrams.set(2, new Datagrams().u16(256).u16(0).toArray());
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, withdrawal));
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallData(256, false)));
        assertThat(copies).hasSize(1);
        assertThat(decoder.stats().unknownTemplateSets()).isEqualTo(1);
        // "withdraw all" (template ID 2) as well
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallTemplate(257, false)));
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, Datagrams.set(2, new Datagrams().u16(2).u16(0).toArray())));
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallData(257, false)));
        assertThat(decoder.stats().unknownTemplateSets()).isEqualTo(2);
        assertThat(decoder.templatesKnown()).isZero();
    }

    @Test
    void ipfixTemplateRefreshReplacesTheDefinition() {
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallTemplate(256, false), ipfixSmallData(256, false)));
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, ipfixSmallTemplate(256, true), ipfixSmallData(256, true)));
        assertThat(copies).hasSize(2);
        assertThat(copies.get(0).tcpFlags).isZero();
        assertThat(copies.get(1).tcpFlags).isEqualTo(0x02);
        assertThat(decoder.templatesKnown()).isEqualTo(1);
    }

    @Test
    void ipfixBiflowReverseFieldsAndOptionsSampling() {
        byte[] template = Datagrams.set(2, new Datagrams().u16(256).u16(8)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1).u16(6).u16(1)
                .u16(0x8000 | 6).u16(1).u32(29305)    // reverseTcpControlBits
                .u16(0x8000 | 2).u16(8).u32(29305)    // reversePacketDeltaCount
                .toArray());
        byte[] data = Datagrams.set(256, new Datagrams().ip(10, 3, 0, 1).ip(10, 3, 0, 2).u16(40000).u16(22)
                .u8(6).u8(0x02).u8(0x14).u64(1).toArray());
        byte[] optionsTemplate = Datagrams.set(3, new Datagrams().u16(258).u16(3).u16(1)
                .u16(149).u16(4)                       // scope: observationDomainId
                .u16(305).u16(4).u16(306).u16(4).toArray());
        byte[] optionsData = Datagrams.set(258, new Datagrams().u32(1).u32(1).u32(99).toArray());
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, optionsTemplate, optionsData, template, data));
        assertThat(copies).hasSize(1);
        FlowRecord r = copies.get(0);
        assertThat(r.hasReverse).isTrue();
        assertThat(r.reverseTcpFlags).isEqualTo(0x14);
        assertThat(r.reversePackets).isEqualTo(1);
        assertThat(r.samplingInterval).isEqualTo(100);
        // no time field: the export time stands in
        assertThat(times.get(0)[0]).isEqualTo(UNIX * 1000);
    }

    @Test
    void ipfixSysUpTimeCountsFromSystemInitTime() {
        byte[] optionsTemplate = Datagrams.set(3, new Datagrams().u16(259).u16(2).u16(1)
                .u16(149).u16(4).u16(160).u16(8).toArray());
        long init = UNIX * 1000 - 60_000;
        byte[] optionsData = Datagrams.set(259, new Datagrams().u32(1).u64(init).toArray());
        byte[] template = Datagrams.set(2, new Datagrams().u16(256).u16(3)
                .u16(8).u16(4).u16(12).u16(4).u16(22).u16(4).toArray());
        byte[] data = Datagrams.set(256, new Datagrams().ip(10, 0, 0, 1).ip(10, 0, 0, 2).u32(59_000).toArray());
        decode(EXPORTER, Datagrams.ipfix(UNIX, 1, optionsTemplate, optionsData, template, data));
        assertThat(times.get(0)[0]).isEqualTo(init + 59_000);
    }

    // ---- malformed input

    @Test
    void malformedDatagramsAreCountedWithTheExporterNamed() {
        decode(EXPORTER, new byte[] {0, 9, 0});                                        // short header
        decode(EXPORTER, new Datagrams().u16(7).u16(1).u32(0).toArray());              // wrong version
        byte[] pastEnd = Datagrams.v9(1, UNIX, 1, new Datagrams().u16(256).u16(400).u32(0).toArray());
        decode(EXPORTER, pastEnd);                                                     // set past the end
        byte[] zero = Datagrams.v9(1, UNIX, 1, new Datagrams().u16(256).u16(0).u32(0).toArray());
        decode(EXPORTER, zero);                                                        // zero-length set
        byte[] ipfixLong = Datagrams.ipfix(UNIX, 1, ipfixSmallTemplate(256, false));
        decode(EXPORTER, java.util.Arrays.copyOf(ipfixLong, ipfixLong.length - 3));   // truncated message
        decode(EXPORTER, new byte[0]);
        ExporterStats s = decoder.stats().exporters().iterator().next();
        assertThat(s.malformedDatagrams()).isEqualTo(6);
        assertThat(s.datagrams()).isEqualTo(6);
        assertThat(decoder.stats().describeExporters().get(0)).startsWith("192.0.2.1").contains("6 malformed");
    }

    @Test
    void truncatedDatagramsNeverThrow() {
        byte[] full = Datagrams.v9(5_000, UNIX, 1, v9Template(256), v9Data(256, 3));
        for (int n = 0; n < full.length; n++) {
            decoder.decode(EXPORTER, ByteBuffer.wrap(full), 0, n);
        }
        byte[] ipfix = new Datagrams().bytes(Datagrams.ipfix(UNIX, 7, ipfixTemplate(256))).toArray();
        for (int n = 0; n < ipfix.length; n++) {
            decoder.decode(EXPORTER, ByteBuffer.wrap(java.util.Arrays.copyOf(ipfix, n)), 0, n);
        }
        assertThat(decoder.stats().malformedDatagrams()).isPositive();
    }

    @Test
    void randomBytesNeverThrow() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            if (b.length >= 2) {
                b[0] = 0;
                b[1] = (byte) (i % 3 == 0 ? 5 : i % 3 == 1 ? 9 : 10);
            }
            decoder.decode(i % 2 == 0 ? EXPORTER : OTHER_EXPORTER, ByteBuffer.wrap(b), 0, b.length);
        }
        assertThat(decoder.stats().datagrams()).isEqualTo(20_000);
    }

    @Test
    void sflowIsCountedAndSkipped() {
        byte[] sflow = new Datagrams().u32(5).u32(1).ip(172, 21, 35, 17).u32(1).u32(1).u32(1).u32(0).toArray();
        assertThat(decode(EXPORTER, sflow)).isZero();
        assertThat(decoder.stats().sflowDatagrams()).isEqualTo(1);
        assertThat(decoder.stats().malformedDatagrams()).isZero();
        assertThat(ExportHeaders.looksLikeExport(ByteBuffer.wrap(sflow), 0, sflow.length)).isTrue();
    }

    @Test
    void templateCacheIsBounded() {
        NetflowDecoder small = new NetflowDecoder(r -> { }, 2);
        for (int id = 256; id < 266; id++) {
            small.decode(EXPORTER, ByteBuffer.wrap(Datagrams.v9(1, UNIX, 1, v9Template(id))), 0,
                    Datagrams.v9(1, UNIX, 1, v9Template(id)).length);
        }
        assertThat(small.templatesKnown()).isEqualTo(2);
        assertThat(small.templateEvictions()).isEqualTo(8);
    }

    @Test
    void recognisesExportHeaders() {
        byte[] v9 = Datagrams.v9(1, UNIX, 1, v9Template(256));
        assertThat(ExportHeaders.looksLikeExport(ByteBuffer.wrap(v9), 0, v9.length)).isTrue();
        byte[] v5 = v5(2, 2, 0);
        assertThat(ExportHeaders.looksLikeExport(ByteBuffer.wrap(v5), 0, v5.length)).isTrue();
        assertThat(ExportHeaders.looksLikeExport(ByteBuffer.wrap(v5), 0, v5.length - 1)).isFalse();
        byte[] dns = new Datagrams().u16(0x1234).u16(0x0100).u16(1).u16(0).u32(0).toArray();
        assertThat(ExportHeaders.looksLikeExport(ByteBuffer.wrap(dns), 0, dns.length)).isFalse();
    }

    @Test
    void procNetUdpDropsByPort() {
        List<String> table = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  100: 0100007F:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 4242 2 0000000000000000 17",
                "  101: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 4243 2 0000000000000000 0");
        assertThat(UdpSocketDrops.parse(table, 2055)).isEqualTo(17);
        assertThat(UdpSocketDrops.parse(table, 9995)).isEqualTo(UdpSocketDrops.UNKNOWN);
    }
}
