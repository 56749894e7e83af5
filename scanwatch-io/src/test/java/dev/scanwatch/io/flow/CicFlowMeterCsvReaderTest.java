package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CICFlowMeter CSV in the CIC-IDS2017 column style and the CICFlowMeter-V4 / CSE-CIC-IDS2018 one. */
class CicFlowMeterCsvReaderTest {

    /** CIC-IDS2017 GeneratedLabelledFlows, cut to the columns the reader uses plus a few it must ignore. */
    private static final String CIC2017_HEADER = "Flow ID, Source IP, Source Port, Destination IP, Destination Port,"
            + " Protocol, Timestamp, Flow Duration, Total Fwd Packets, Total Backward Packets,"
            + "Total Length of Fwd Packets, Fwd PSH Flags, Bwd PSH Flags, Fwd URG Flags, Bwd URG Flags,"
            + " Fwd Header Length, FIN Flag Count, SYN Flag Count, RST Flag Count, PSH Flag Count,"
            + " ACK Flag Count, URG Flag Count, CWE Flag Count, ECE Flag Count, Fwd Header Length, Label\n";
    /** CICFlowMeter-V4 (CSE-CIC-IDS2018 Tuesday-20-02 has the addresses), same columns. */
    private static final String V4_HEADER = "Flow ID,Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,"
            + "Tot Fwd Pkts,Tot Bwd Pkts,TotLen Fwd Pkts,Fwd PSH Flags,Bwd PSH Flags,Fwd URG Flags,Bwd URG Flags,"
            + "Fwd Header Len,FIN Flag Cnt,SYN Flag Cnt,RST Flag Cnt,PSH Flag Cnt,ACK Flag Cnt,URG Flag Cnt,"
            + "CWE Flag Count,ECE Flag Cnt,Bwd Header Len,Label\n";

    /**
     * One CIC-IDS2017 row from 192.168.10.50:40000 (scanner 172.16.0.1) at 7/7/2017 8:59:
     * flags are FIN SYN RST PSH ACK URG counts, per-direction PSH/URG as the file has them.
     */
    private static String cic2017(int dport, int proto, long durationMicros, int fwd, int bwd, String flags) {
        return "172.16.0.1-192.168.10.50-40000-" + dport + "-" + proto + ", 172.16.0.1, 40000, 192.168.10.50, "
               + dport + ", " + proto + ", 7/7/2017 8:59, " + durationMicros + ", " + fwd + ", " + bwd
               + ", 0, 0, 0, 0, 0, 40, " + flags + ", 0, 0, 40, PortScan\n";
    }

    private static String v4(String srcPort, int dport, String time, int fwd, int bwd, String dirFlags, String flags) {
        return "f,172.16.0.1," + srcPort + ",192.168.10.50," + dport + ",6," + time + ",20," + fwd + "," + bwd + ",0,"
               + dirFlags + ",40," + flags + ",0,0,40,PortScan\n";
    }

    /** A UDP flow a minute later: unanswered probes before it have waited long enough to be FILTERED. */
    private static final String CIC2017_LATER = "x, 10.9.9.9, 5000, 10.9.9.8, 53, 17, 7/7/2017 9:01, 10, 1, 1,"
            + " 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 8, BENIGN\n";

    @ParameterizedTest(name = "first-packet counts: fwd {1} bwd {2} flags {3} -> {4} {5}")
    @CsvSource(delimiter = ';', value = {
        // CIC-IDS2017 counted the first packet's flags only: the packet counts tell the answer.
        "80; 1; 1; 0, 1, 0, 0, 0, 0; syn; CLOSED",
        "80; 2; 1; 0, 1, 0, 0, 0, 0; syn; OPEN",
        "80; 3; 1; 0, 1, 0, 0, 0, 0; connect; OPEN",
        "80; 6; 5; 0, 1, 0, 0, 0, 0; connect; OPEN",
        "80; 2; 0; 0, 1, 0, 0, 0, 0; syn; FILTERED",
        "80; 1; 1; 1, 0, 0, 0, 0, 0; fin; CLOSED",
        "80; 1; 0; 1, 0, 0, 0, 0, 0; fin; FILTERED",
        "80; 1; 1; 0, 0, 0, 0, 0, 0; null; CLOSED",
        "80; 1; 1; 1, 0, 0, 1, 0, 1; xmas; CLOSED",
        "80; 1; 1; 0, 0, 0, 0, 1, 0; ack; CLOSED",
        "80; 1; 1; 1, 0, 0, 0, 1, 0; maimon; CLOSED",
    })
    void cic2017FirstPacketFlags(int dport, int fwd, int bwd, String flags, String technique, Outcome outcome) {
        FlowFixtures.Read r = FlowFixtures.read(CIC2017_HEADER + cic2017(dport, 6, 30, fwd, bwd, flags) + CIC2017_LATER,
                FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.result().problem()).isNull();
        Attempt a = r.attempts().get(0);
        assertThat(a.technique()).isEqualTo(Technique.byLabel(technique));
        assertThat(a.outcome()).isEqualTo(outcome);
        assertThat(a.port()).isEqualTo(dport);
        assertThat(a.srcPort()).isEqualTo(40000);
        assertThat(a.src().toString()).isEqualTo("172.16.0.1");
        assertThat(a.timeNanos()).isEqualTo(Instant.parse("2017-07-07T08:59:00Z").getEpochSecond() * 1_000_000_000L);
    }

    @ParameterizedTest(name = "all-packet counts: fwd {0} bwd {1} flags {3} -> {4} {5}")
    @CsvSource(delimiter = ';', value = {
        // Later builds count every packet of both directions: SYN + RST-ACK, SYN + SYN-ACK + RST...
        "1; 1; 0, 0, 0, 0; 0, 1, 1, 0, 1, 0; syn; CLOSED",
        "2; 1; 0, 0, 0, 0; 0, 2, 1, 0, 1, 0; syn; OPEN",
        "3; 1; 0, 0, 0, 0; 0, 2, 1, 0, 3, 0; connect; OPEN",
        "5; 4; 1, 1, 0, 0; 2, 2, 0, 2, 8, 0; connect; OPEN",
        "1; 1; 0, 0, 0, 0; 1, 0, 1, 0, 1, 0; fin; CLOSED",
        "1; 1; 1, 0, 1, 0; 1, 0, 1, 1, 1, 1; xmas; CLOSED",
        "1; 1; 0, 0, 0, 0; 0, 0, 1, 0, 1, 0; ack; CLOSED",
        "1; 1; 0, 0, 0, 0; 0, 0, 1, 0, 0, 0; null; CLOSED",
        "1; 0; 0, 0, 0, 0; 0, 1, 0, 0, 0, 0; syn; FILTERED",
    })
    void v4AllPacketFlags(int fwd, int bwd, String dirFlags, String flags, String technique, Outcome outcome) {
        // A first record that shows every packet is counted (two SYNs: a SYN-ACK came back).
        String proof = v4("39999", 22, "07/07/2017 08:58:59 AM", 2, 1, "0, 0, 0, 0", "0, 2, 1, 0, 1, 0");
        String later = v4("39998", 23, "07/07/2017 09:00:00 AM", 1, 1, "0, 0, 0, 0", "0, 1, 1, 0, 1, 0");
        FlowFixtures.Read r = FlowFixtures.read(V4_HEADER + proof + v4("40000", 80, "07/07/2017 08:59:00 AM", fwd, bwd,
                dirFlags, flags) + later, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).hasSize(3);
        Attempt a = r.attempts().get(1);
        assertThat(a.technique()).isEqualTo(Technique.byLabel(technique));
        assertThat(a.outcome()).isEqualTo(outcome);
        assertThat(a.port()).isEqualTo(80);
        assertThat(a.timeNanos()).isEqualTo(Instant.parse("2017-07-07T08:59:00Z").getEpochSecond() * 1_000_000_000L);
    }

    @Test
    void rstThatArrivesAsAFlowOfItsOwnAnswersTheFinProbe() {
        // CIC-IDS2017's CICFlowMeter ends a flow at a FIN: the RST answering a FIN probe starts a new flow.
        String text = CIC2017_HEADER
                + cic2017(81, 6, 0, 1, 0, "1, 0, 0, 0, 0, 0")
                + "r, 192.168.10.50, 81, 172.16.0.1, 40000, 6, 7/7/2017 8:59, 0, 1, 0, 0, 0, 0, 0, 0, 20,"
                + " 0, 0, 1, 0, 1, 0, 0, 0, 0, BENIGN\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.only().technique()).isEqualTo(Technique.FIN);
        assertThat(r.only().outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(r.result().skipped().count(SkipReason.PAIRED_ANSWER)).isEqualTo(1);
    }

    @Test
    void tcpAppendixOfAConnectionIsNoNewContact() {
        // A connection ended by FIN, then its last ACK as a flow of its own: one attempt, not an ACK probe too.
        String text = CIC2017_HEADER
                + cic2017(443, 6, 5000, 8, 7, "0, 1, 0, 0, 0, 0")
                + "a, 172.16.0.1, 40000, 192.168.10.50, 443, 6, 7/7/2017 8:59, 0, 1, 0, 0, 0, 0, 0, 0, 20,"
                + " 0, 0, 0, 0, 1, 0, 0, 0, 0, BENIGN\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.only().technique()).isEqualTo(Technique.CONNECT);
        assertThat(r.only().outcome()).isEqualTo(Outcome.OPEN);
        assertThat(r.result().skipped().count(SkipReason.PAIRED_ANSWER)).isEqualTo(1);
        assertThat(r.result().records()).isEqualTo(2);
    }

    @Test
    void udpIcmpOtherProtocolsAndFillerRows() {
        String text = CIC2017_HEADER
                + cic2017(53, 17, 300, 1, 1, "0, 0, 0, 0, 0, 0")
                + cic2017(161, 17, 0, 1, 0, "0, 0, 0, 0, 0, 0")
                + cic2017(0, 0, 0, 1, 0, "0, 0, 0, 0, 0, 0")
                + ",,,,,,,,,,,,,,,,,,,,,,,,,\n"
                + CIC2017_HEADER
                + CIC2017_LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).extracting(Attempt::protocol, Attempt::port, Attempt::technique, Attempt::outcome)
                .containsExactly(
                        tuple(Protocol.UDP, 53, Technique.UDP, Outcome.OPEN),
                        tuple(Protocol.UDP, 161, Technique.UDP, Outcome.FILTERED),
                        tuple(Protocol.UDP, 53, Technique.UDP, Outcome.OPEN));
        assertThat(r.result().skipped().count(SkipReason.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
        assertThat(r.result().records()).isEqualTo(4);
        assertThat(r.result().skipped().count(SkipReason.MALFORMED)).isZero();
    }

    @Test
    void icmpEchoWithAndWithoutTypeColumn() {
        String header = "Src IP,Src Port,Dst IP,Dst Port,Protocol,Timestamp,Flow Duration,Tot Fwd Pkts,Tot Bwd Pkts,"
                + "SYN Flag Cnt,RST Flag Cnt,ICMP Type\n";
        String text = header
                + "10.0.0.1,0,10.0.0.2,0,1,2017-07-07 08:59:00,100,1,1,0,0,8\n"
                + "10.0.0.1,0,10.0.0.3,0,1,2017-07-07 08:59:00,0,1,0,0,0,8\n"
                + "10.0.0.4,0,10.0.0.1,0,1,2017-07-07 08:59:00,0,1,0,0,0,3\n"
                + "10.0.0.1,0,10.0.0.9,0,1,2017-07-07 09:00:00,0,1,1,0,0,8\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.attempts()).extracting(a -> a.dst().toString(), Attempt::technique, Attempt::outcome)
                .containsExactly(
                        tuple("10.0.0.2", Technique.ICMP_ECHO, Outcome.OPEN),
                        tuple("10.0.0.3", Technique.ICMP_ECHO, Outcome.FILTERED),
                        tuple("10.0.0.9", Technique.ICMP_ECHO, Outcome.OPEN));
        assertThat(r.result().skipped().count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
    }

    @Test
    void pythonCicflowmeterSnakeCaseColumns() {
        String text = "src_ip,dst_ip,src_port,dst_port,protocol,timestamp,flow_duration,tot_fwd_pkts,tot_bwd_pkts,"
                + "fin_flag_cnt,syn_flag_cnt,rst_flag_cnt,psh_flag_cnt,ack_flag_cnt,urg_flag_cnt\n"
                + "10.0.0.1,10.0.0.2,40000,22,6,2017-07-07 08:59:00.250000,40,1,1,0,1,1,0,1,0\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.only().technique()).isEqualTo(Technique.SYN);
        assertThat(r.only().outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(r.only().timeNanos()).isEqualTo(Instant.parse("2017-07-07T08:59:00.25Z").getEpochSecond()
                * 1_000_000_000L + 250_000_000L);
    }

    @Test
    void recognisedFromEitherHeaderAndNotConfusedWithOtherFlowLogs() {
        assertThat(FlowFixtures.detect(CIC2017_HEADER)).isEqualTo(FlowFormat.CICFLOWMETER_CSV);
        assertThat(FlowFixtures.detect(V4_HEADER)).isEqualTo(FlowFormat.CICFLOWMETER_CSV);
        assertThat(FlowFixtures.detect("\uFEFF" + V4_HEADER)).isEqualTo(FlowFormat.CICFLOWMETER_CSV);
        assertThat(FlowFixtures.detect("StartTime,SrcAddr,Sport,DstAddr,Dport,Proto,State,TotPkts\n"))
                .isEqualTo(FlowFormat.ARGUS_CSV);
        assertThat(FlowFixtures.detect("ts,te,td,sa,da,sp,dp,pr,flg,ipkt,ibyt\n")).isEqualTo(FlowFormat.NFDUMP_CSV);
    }

    @Test
    void machineLearningFilesWithoutAddressesAreRecognisedAndRefusedWithAReason() {
        String ml = " Destination Port, Flow Duration, Total Fwd Packets, Total Backward Packets, SYN Flag Count, Label\n"
                + "80, 10, 1, 1, 1, BENIGN\n";
        assertThat(FlowFixtures.detect(ml)).isEqualTo(FlowFormat.CICFLOWMETER_CSV);
        FlowFixtures.Read r = FlowFixtures.read(ml, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.attempts()).isEmpty();
        assertThat(r.result().problem().describe()).contains("missing column sourceip").contains("MachineLearningCVE");
    }

    @Test
    void malformedRowsAreCountedAndReadingGoesOn() {
        String text = CIC2017_HEADER
                + "bad, not-an-ip, 1, 192.168.10.50, 80, 6, 7/7/2017 8:59, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0,"
                + " 0, 0, 0, 0, 0, X\n"
                + cic2017(80, 6, 30, 1, 1, "0, 1, 0, 0, 0, 0");
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.CICFLOWMETER_CSV);
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.result().skipped().count(SkipReason.MALFORMED)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "7/7/2017 8:59; 2017-07-07T08:59:00Z",
        "5/7/2017 13:05; 2017-07-05T13:05:00Z",
        "07/07/2017 08:59:00; 2017-07-07T08:59:00Z",
        "07/07/2017 08:59:00 AM; 2017-07-07T08:59:00Z",
        "07/07/2017 03:30:12 PM; 2017-07-07T15:30:12Z",
        "07/07/2017 12:05:00 AM; 2017-07-07T00:05:00Z",
        "07/07/2017 12:05:00 PM; 2017-07-07T12:05:00Z",
        "14/02/2018 08:31:01; 2018-02-14T08:31:01Z",
        "2017-07-07 08:59:00; 2017-07-07T08:59:00Z",
        "2017-07-07 08:59:00.5; 2017-07-07T08:59:00.5Z",
    })
    void timestamps(String text, String expected) {
        Instant i = Instant.parse(expected);
        assertThat(CicFlowMeterCsvParser.timestamp(text)).isEqualTo(i.getEpochSecond() * 1_000_000_000L + i.getNano());
    }

    @ParameterizedTest
    @CsvSource({"13/13/2017 8:59", "07/07/2017 13:00:00 PM", "7/7/17 8:59", "yesterday"})
    void badTimestamps(String text) {
        assertThat(CicFlowMeterCsvParser.timestamp(text)).isEqualTo(Timestamps.INVALID);
    }
}
