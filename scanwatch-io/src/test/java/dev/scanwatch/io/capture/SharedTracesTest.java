package dev.scanwatch.io.capture;

import dev.scanwatch.io.SharedTraces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Reads the real captures in the shared traces directory (never copied into the project) and
 * checks them against independent counts: tcpdump's packet counts in the loopback summary, the
 * container formats in the public truth table, and frame counts observed with {@code tcpdump -r}.
 * Skipped when the directory is absent.
 */
class SharedTracesTest {

    /** Frames per public capture as {@code tcpdump -r FILE | wc -l} reports them. */
    private static final Map<String, Long> PUBLIC_TCPDUMP_COUNTS = Map.ofEntries(
            Map.entry("esnet-curated-pcaps/attacks/scanners/masscan/tcp_0_1000_20190821.pcap", 1005L),
            Map.entry("esnet-curated-pcaps/attacks/scanners/masscan/udp_0_1000_20190821.pcap", 1001L),
            Map.entry("esnet-curated-pcaps/attacks/scanners/nmap/nmap_80_all.pcap", 431L),
            Map.entry("esnet-curated-pcaps/attacks/scanners/nmap/nmap_80_vanilla.pcap", 11L),
            Map.entry("esnet-curated-pcaps/attacks/scanners/nmap/nmap_80_w_service_detection.pcap", 154L),
            Map.entry("esnet-curated-pcaps/tcp/control/one_way_all_flags.pcap", 63L),
            Map.entry("esnet-curated-pcaps/tcp/control/two_way_all_flags.pcap", 7938L),
            Map.entry("gubertoli-probing-dataset/pcap/hping3.pcapng", 6005L),
            Map.entry("gubertoli-probing-dataset/pcap/masscan_5k.pcapng", 5000L),
            Map.entry("gubertoli-probing-dataset/pcap/nmap.pcapng", 43011L),
            Map.entry("gubertoli-probing-dataset/pcap/unicornscan.pcapng", 14251L),
            Map.entry("gubertoli-probing-dataset/pcap/zmap_tcp_5k.pcapng", 5000L),
            Map.entry("ndpi-test-pcaps/benign-tricky/bittorrent.pcap", 299L),
            Map.entry("ndpi-test-pcaps/benign-tricky/gnutella.pcap", 3905L),
            Map.entry("ndpi-test-pcaps/benign-tricky/skype-conference-call.pcap", 200L),
            Map.entry("ndpi-test-pcaps/benign-tricky/stun_wa_call.pcapng", 591L),
            Map.entry("ndpi-test-pcaps/flow-export/netflow-fritz.pcap", 1L),
            Map.entry("ndpi-test-pcaps/flow-export/netflowv9.pcap", 10L),
            Map.entry("ndpi-test-pcaps/flow-export/sflow.pcap", 9L),
            Map.entry("ndpi-test-pcaps/scan/synscan.pcap", 2011L),
            Map.entry("netology-nmap-hw-victorialugi/fin_scan.pcap", 796L),
            Map.entry("netology-nmap-hw-victorialugi/syn_scan.pcap", 1218L),
            Map.entry("netology-nmap-hw-victorialugi/udp_scan.pcap", 1306L),
            Map.entry("netology-nmap-hw-victorialugi/xmas_scan.pcap", 1058L),
            Map.entry("p1mps-prolog-scan-detector/notscan.pcap", 5216L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-arpScan.pcap", 509L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-icmpScan.pcap", 512L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-icmpScan.pcapng", 769L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-sh-IPscan.pcapng", 252L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-tcp_ackPingSweepRand.pcapng", 256L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-tcp_synPingSweepRand.pcapng", 513L),
            Map.entry("sgr-scan-pcaps/2022/Favilli/tests/hs-udpScan.pcap", 512L),
            Map.entry("zeek-btest-traces/benign-tricky/ftp_ipv4.pcap", 95L),
            Map.entry("zeek-btest-traces/scan/nmap-vsn.pcap", 547L));

    @Test
    void loopbackCapturesMatchTheSummaryCounts() throws IOException {
        Path loopback = SharedTraces.require().resolve("loopback");
        Path summary = loopback.resolve("derived/summary.tsv");
        assumeTrue(Files.isRegularFile(summary), "no " + summary + "; skipping");
        Map<String, Long> expected = tsvColumn(summary, "pcap", "packets");
        assertThat(expected).isNotEmpty();

        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            ReadResult r = CaptureReader.read(loopback.resolve(e.getKey()), p -> { });
            soft.assertThat(r.problem()).as(e.getKey()).isNull();
            soft.assertThat(r.format()).as(e.getKey()).isEqualTo("pcap");
            soft.assertThat(r.stats().frames()).as(e.getKey() + " frames").isEqualTo(e.getValue());
            soft.assertThat(r.stats().malformedFrames()).as(e.getKey() + " malformed").isZero();
        }
        soft.assertAll();
    }

    @Test
    void publicCapturesReadCleanlyWithTheRightFormatAndCounts() throws IOException {
        Path pub = SharedTraces.require().resolve("public");
        assumeTrue(Files.isDirectory(pub), "no " + pub + "; skipping");
        Map<String, String> formats = Files.isRegularFile(pub.resolve("truth.tsv"))
                ? tsvText(pub.resolve("truth.tsv"), "file", "format") : Map.of();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(pub)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().collect(Collectors.toList());
        }
        assertThat(files).isNotEmpty();

        SoftAssertions soft = new SoftAssertions();
        for (Path f : files) {
            String name = pub.relativize(f).toString().replace('\\', '/');
            ReadResult r = CaptureReader.read(f, p -> { });
            soft.assertThat(r.problem()).as(name).isNull();
            soft.assertThat(r.stats().frames()).as(name + " frames").isPositive();
            CaptureStats s = r.stats();
            soft.assertThat(s.ipPackets() + s.nonIpFrames() + s.fragmentsSkipped() + s.truncatedFrames()
                    + s.malformedFrames() + s.unsupportedLinkFrames()).as(name + " outcomes").isEqualTo(s.frames());
            if (formats.containsKey(name)) {
                soft.assertThat(r.format()).as(name + " format").isEqualTo(formats.get(name));
            }
            if (PUBLIC_TCPDUMP_COUNTS.containsKey(name)) {
                soft.assertThat(s.frames()).as(name + " frames vs tcpdump").isEqualTo(PUBLIC_TCPDUMP_COUNTS.get(name));
            }
        }
        soft.assertAll();
    }

    @Test
    void udpScanUnreachablesQuoteTheProbes() throws IOException {
        Path udp = SharedTraces.require().resolve("loopback/scan_udp.pcap");
        assumeTrue(Files.isRegularFile(udp), "no " + udp + "; skipping");
        long[] unreachable = new long[2];
        CaptureReader.read(udp, p -> {
            if (p.protocol == Packet.PROTO_ICMP && p.icmpType == 3 && p.icmpCode == 3) {
                unreachable[0]++;
                if (p.hasQuote && p.quotedProtocol == Packet.PROTO_UDP && p.quotedDstPort != 0) {
                    unreachable[1]++;
                }
            }
        });
        assertThat(unreachable[0]).isPositive();
        assertThat(unreachable[1]).isEqualTo(unreachable[0]);
    }

    private static Map<String, Long> tsvColumn(Path tsv, String keyColumn, String valueColumn) throws IOException {
        Map<String, Long> out = new HashMap<>();
        tsvText(tsv, keyColumn, valueColumn).forEach((k, v) -> out.put(k, Long.parseLong(v)));
        return out;
    }

    private static Map<String, String> tsvText(Path tsv, String keyColumn, String valueColumn) throws IOException {
        List<String> lines = Files.readAllLines(tsv);
        List<String> header = List.of(lines.get(0).split("\t"));
        int key = header.indexOf(keyColumn);
        int value = header.indexOf(valueColumn);
        assertThat(key).as(keyColumn + " column in " + tsv).isNotNegative();
        assertThat(value).as(valueColumn + " column in " + tsv).isNotNegative();
        Map<String, String> out = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split("\t");
            if (cells.length > Math.max(key, value)) {
                out.put(cells[key], cells[value]);
            }
        }
        return out;
    }
}
