package dev.scanwatch.io.netflow;

import dev.scanwatch.io.SharedTraces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scanwatch.io.input.InputReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** softflowd's v5 and v9 exports of the loopback scans, captured: the same alerts as the scans' own pcaps. */
class ExportCaptureGoldenTest {

    private static Path file(String relative) {
        Path f = SharedTraces.require().resolve(relative);
        assumeTrue(Files.isRegularFile(f), "no " + f + "; skipping");
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan_syn", "scan_connect", "scan_fin", "scan_null", "scan_xmas", "scan_ack", "scan_udp",
        "scan_slow", "scan_hping_syn", "scan_decoy", "sweep_445", "sweep_icmp", "sweep_masscan", "sweep_rdp_slow",
        "mixed_background_sweep", "benign_background", "benign_browsing", "benign_dns", "benign_ftp_active",
        "benign_ftp_passive", "benign_http_curl"})
    void sameAlertsAsThePacketCapture(String name) throws IOException {
        TreeSet<String> expected = Detect.analyze(file("loopback/" + name + ".pcap"));
        for (String version : List.of("v5", "v9")) {
            Path export = file("loopback/derived/netflow/" + name + ".netflow-" + version + ".pcap");
            Detect d = new Detect();
            InputReader.Result r = InputReader.read(export, null, d.pipeline::onPacket, d.pipeline::onAttempt);
            assertThat(r.format()).as("%s %s", name, version).endsWith("+netflow");
            assertThat(r.stats()).as("%s %s", name, version).contains("0 malformed").contains("0 unknown-template sets");
            assertThat(d.finish()).as("%s %s", name, version).isEqualTo(expected);
        }
    }

    @Test
    void scanSynV9NamesTheScanner() throws IOException {
        Detect d = new Detect();
        InputReader.read(file("loopback/derived/netflow/scan_syn.netflow-v9.pcap"), null, d.pipeline::onPacket,
                d.pipeline::onAttempt);
        assertThat(d.finish()).containsExactly("portscan 127.66.0.1 [SYN]");
    }

    @Test
    void ipProtocolScansCannotBeRebuiltFromFlows() throws IOException {
        Detect d = new Detect();
        InputReader.read(file("loopback/derived/netflow/scan_ipproto.netflow-v9.pcap"), null, d.pipeline::onPacket,
                d.pipeline::onAttempt);
        assertThat(d.finish()).isEmpty(); // as with nfdump CSV: the records carry no probe to count
    }

    @Test
    void ndpiNetflowV9OnAnOddPortWithoutTemplates() throws IOException {
        Path f = file("public/ndpi-test-pcaps/flow-export/netflowv9.pcap");
        Detect plain = new Detect();
        InputReader.Result r = InputReader.read(f, null, plain.pipeline::onPacket, plain.pipeline::onAttempt);
        assertThat(r.format()).doesNotContain("netflow"); // port 2057 is not a known export port
        Detect d = new Detect();
        r = InputReader.read(f, null, ExportPorts.withExtra(List.of(2057)), d.pipeline::onPacket, d.pipeline::onAttempt);
        assertThat(r.format()).endsWith("+netflow");
        // the capture starts after the exporter sent its templates: every data set is unknown, counted
        assertThat(r.stats()).contains("10 datagrams", "0 records", "23 unknown-template sets", "0 malformed");
        assertThat(d.finish()).isEmpty();
    }

    @Test
    void fritzboxIpfixTemplateWithEnterpriseAndVariableLengthFields() throws IOException {
        Detect d = new Detect();
        InputReader.Result r = InputReader.read(file("public/ndpi-test-pcaps/flow-export/netflow-fritz.pcap"), null,
                d.pipeline::onPacket, d.pipeline::onAttempt);
        assertThat(r.format()).endsWith("+netflow");
        assertThat(r.stats()).contains("1 datagrams", "0 malformed", "(ipfix)");
    }

    @Test
    void sflowIsCountedAndSkipped() throws IOException {
        Detect d = new Detect();
        InputReader.Result r = InputReader.read(file("public/ndpi-test-pcaps/flow-export/sflow.pcap"), null,
                d.pipeline::onPacket, d.pipeline::onAttempt);
        assertThat(r.stats()).contains("9 sFlow skipped", "0 malformed");
        assertThat(d.finish()).isEmpty();
    }
}
