package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZeekConnReaderTest {

    private static final String HEADER = String.join("\n",
            "#separator \\x09",
            "#set_separator\t,",
            "#empty_field\t(empty)",
            "#unset_field\t-",
            "#path\tconn",
            "#open\t2024-01-01-00-00-00",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes"
                    + "\tconn_state\tlocal_orig\tmissed_bytes\thistory\torig_pkts\tresp_pkts",
            "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tcount\tstring"
                    + "\tcount\tcount") + "\n";

    /** One TSV row from 10.0.0.1:40000 to 10.0.0.2:port at t=100 s, then a row 60 s later so unanswered ones age. */
    private static String row(String proto, int origPort, int respPort, String state, String history, String origPkts,
                              String respPkts, String respBytes) {
        return String.join("\t", "100.000001", "C1", "10.0.0.1", String.valueOf(origPort), "10.0.0.2",
                String.valueOf(respPort), proto, "-", "0.000100", "0", respBytes, state, "-", "0", history, origPkts,
                respPkts) + "\n";
    }

    private static final String LATER = String.join("\t", "160.0", "C9", "10.9.9.9", "1", "10.9.9.8", "2",
            "unknown_transport", "-", "-", "-", "-", "OTH", "-", "0", "-", "1", "0") + "\n";

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource({
        "S0, S, syn, FILTERED",
        "REJ, Sr, syn, CLOSED",
        "RSTO, ShR, syn, OPEN",
        "RSTO, ShAR, connect, OPEN",
        "SF, ShADadfF, connect, OPEN",
        "S1, ShADad, connect, OPEN",
        "RSTR, Sr, syn, CLOSED",
        "RSTOS0, SR, syn, FILTERED",
        "OTH, F, fin, FILTERED",
        "OTH, Fr, fin, CLOSED",
        "OTH, Ar, ack, CLOSED",
        "OTH, FAr, maimon, CLOSED",
        "OTH, DdA, midstream, OPEN",
        "S0, -, syn, FILTERED",
        "REJ, -, syn, CLOSED",
        "SF, -, connect, OPEN",
    })
    void tcpStatesAndHistories(String state, String history, String technique, Outcome outcome) {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + row("tcp", 40000, 80, state, history, "-", "-", "0") + LATER,
                FlowFormat.ZEEK_CONN);
        assertThat(r.result().problem()).isNull();
        Attempt a = r.only();
        assertThat(a.technique()).isEqualTo(Technique.byLabel(technique));
        assertThat(a.outcome()).isEqualTo(outcome);
        assertThat(a.src()).isEqualTo(IpAddress.parse("10.0.0.1"));
        assertThat(a.dst()).isEqualTo(IpAddress.parse("10.0.0.2"));
        assertThat(a.port()).isEqualTo(80);
        assertThat(a.srcPort()).isEqualTo(40000);
        assertThat(a.timeNanos()).isEqualTo(100_000_001_000L);
    }

    @ParameterizedTest(name = "{0} {1} is backscatter")
    @CsvSource({"SHR, hr", "RSTRH, hr", "OTH, hr", "SHR, -", "OTH, r"})
    void answersOnlyAreNotAttempts(String state, String history) {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + row("tcp", 80, 40000, state, history, "0", "2", "0"),
                FlowFormat.ZEEK_CONN);
        assertThat(r.attempts()).isEmpty();
        assertThat(r.result().skipped().count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
        assertThat(r.result().records()).isEqualTo(1);
    }

    @Test
    void udpAndIcmp() {
        String text = HEADER
                + row("udp", 40000, 53, "SF", "Dd", "1", "1", "60")
                + row("udp", 40000, 161, "S0", "D", "1", "0", "0")
                + row("icmp", 8, 0, "OTH", "-", "1", "1", "56")
                + row("icmp", 0, 0, "OTH", "-", "1", "0", "0")
                + row("icmp", 11, 0, "OTH", "-", "1", "0", "0")
                + LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN);
        assertThat(r.attempts()).extracting(Attempt::protocol, Attempt::port, Attempt::technique, Attempt::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Protocol.UDP, 53, Technique.UDP, Outcome.OPEN),
                        org.assertj.core.groups.Tuple.tuple(Protocol.UDP, 161, Technique.UDP, Outcome.FILTERED),
                        org.assertj.core.groups.Tuple.tuple(Protocol.ICMP, 0, Technique.ICMP_ECHO, Outcome.OPEN));
        assertThat(r.result().skipped().count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
        assertThat(r.result().skipped().count(SkipReason.OTHER_ICMP)).isEqualTo(1);
        assertThat(r.result().skipped().count(SkipReason.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
        assertThat(r.result().records()).isEqualTo(6);
    }

    @Test
    void unansweredNearTheEndIsUnknown() {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + row("tcp", 40000, 80, "S0", "S", "1", "0", "0"),
                FlowFormat.ZEEK_CONN);
        assertThat(r.only().outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void multicastDestinationsAreSkipped() {
        String text = HEADER + String.join("\t", "1.0", "C", "10.0.0.1", "5353", "224.0.0.251", "5353", "udp", "-", "-",
                "-", "-", "S0", "-", "0", "D", "1", "0") + "\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN);
        assertThat(r.attempts()).isEmpty();
        assertThat(r.result().skipped().count(SkipReason.MULTICAST)).isEqualTo(1);
    }

    @Test
    void missingColumnIsAProblemNamingTheLine() {
        String text = HEADER.replace("\tid.resp_p", "") + row("tcp", 1, 2, "S0", "S", "1", "0", "0");
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN);
        assertThat(r.attempts()).isEmpty();
        assertThat(r.result().problem()).isNotNull();
        assertThat(r.result().problem().message()).isEqualTo("missing column id.resp_p in #fields at line 7");
        assertThat(r.result().problem().describe()).startsWith("fixture: missing column id.resp_p");
    }

    @Test
    void malformedLinesAreCountedAndReadingGoesOn() {
        String text = HEADER + "garbage\n" + row("tcp", 40000, 80, "REJ", "Sr", "1", "1", "0")
                      + "1.0\tC\tnot-an-ip\t1\t10.0.0.2\t2\ttcp\t-\t-\t-\t-\tS0\t-\t0\tS\t1\t0\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).hasSize(1);
        assertThat(r.result().records()).isEqualTo(3);
        assertThat(r.result().skipped().count(SkipReason.MALFORMED)).isEqualTo(2);
        assertThat(r.result().skipped().malformedLines()).containsExactly(9L, 11L);
        assertThat(r.result().skipped().describe()).isEqualTo("2 malformed (lines 9, 11)");
    }

    @Test
    void aFirstLineStartingWithATabAndAClosingLine() {
        String text = "\t" + HEADER + row("tcp", 40000, 80, "REJ", "Sr", "1", "1", "0") + "#close\t2024-01-01-00-00-01\n";
        assertThat(FlowFixtures.detect(text)).isEqualTo(FlowFormat.ZEEK_CONN);
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN);
        assertThat(r.result().problem()).isNull();
        assertThat(r.only().outcome()).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void recordBeforeFieldsIsAProblem() {
        FlowFixtures.Read r = FlowFixtures.read("#separator \\x09\n1.0\tx\n", FlowFormat.ZEEK_CONN);
        assertThat(r.result().problem().message()).isEqualTo("record before any #fields header at line 2");
    }

    @Test
    void jsonLinesWithNumericAndIsoTimes() {
        String text = """
                {"ts":1700828217.314165,"uid":"C1","id.orig_h":"192.168.1.9","id.orig_p":50820,"id.resp_h":"45.33.32.156","id.resp_p":443,"proto":"tcp","duration":0.2,"orig_bytes":0,"resp_bytes":0,"conn_state":"REJ","history":"Sr","orig_pkts":1,"resp_pkts":1}
                {"ts":"2023-11-24T12:16:57.500000Z","uid":"C2","id.orig_h":"192.168.1.9","id.orig_p":42982,"id.resp_h":"45.33.32.156","id.resp_p":80,"proto":"tcp","conn_state":"RSTO","history":"ShAR","orig_pkts":3,"resp_pkts":1,"tunnel_parents":["x"],"extra":{"a":1}}
                {"ts":1700828218.0,"id.orig_h":"192.168.1.9","id.orig_p":1,"proto":"tcp"}
                not json
                {"ts":1700828219.0,"uid":"C3","id.orig_h":"fe80::1","id.orig_p":128,"id.resp_h":"fe80::2","id.resp_p":0,"proto":"icmp","conn_state":"OTH","orig_pkts":1,"resp_pkts":1,"resp_bytes":8}
                """;
        assertThat(FlowFixtures.detect(text)).isEqualTo(FlowFormat.ZEEK_CONN_JSON);
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ZEEK_CONN_JSON);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).extracting(Attempt::port, Attempt::technique, Attempt::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(443, Technique.SYN, Outcome.CLOSED),
                        org.assertj.core.groups.Tuple.tuple(80, Technique.CONNECT, Outcome.OPEN),
                        org.assertj.core.groups.Tuple.tuple(0, Technique.ICMP_ECHO, Outcome.OPEN));
        assertThat(r.attempts().get(0).timeNanos()).isEqualTo(1_700_828_217_314_165_000L);
        assertThat(r.attempts().get(1).timeNanos()).isEqualTo(1_700_828_217_500_000_000L);
        assertThat(r.result().skipped().malformedLines()).containsExactly(3L, 4L);
    }

    @Test
    void jsonFirstRecordWithoutARequiredFieldIsAProblem() {
        FlowFixtures.Read r = FlowFixtures.read("{\"ts\":1.0,\"id.orig_h\":\"10.0.0.1\",\"conn_state\":\"S0\"}\n",
                FlowFormat.ZEEK_CONN_JSON);
        assertThat(r.result().problem().message()).isEqualTo("missing field id.orig_p in the first record at line 1");
        assertThat(r.attempts()).isEmpty();
    }
}
