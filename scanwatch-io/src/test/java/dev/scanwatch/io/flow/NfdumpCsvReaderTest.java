package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NfdumpCsvReaderTest {

    private static final String HEADER = "ts,te,td,sa,da,sp,dp,pr,flg,ipkt,ibyt\n";
    private static final String T = "2026-11-22 16:18:56";
    /** A record a minute later: unpaired probes before it have waited long enough to be FILTERED. */
    private static final String LATER = "2026-11-22 16:19:56,2026-11-22 16:19:56,0.000,10.9.9.9,10.9.9.8,0,0,GRE,........,1,40\n";

    private static String flow(String time, String sa, String da, int sp, int dp, String pr, String flags, int pkts) {
        return time + "," + time + ",0.000," + sa + "," + da + "," + sp + "," + dp + "," + pr + "," + flags + "," + pkts
               + ",44\n";
    }

    private static String probe(String flags, int pkts) {
        return flow(T, "10.0.0.1", "10.0.0.2", 43621, 80, "TCP", flags, pkts);
    }

    private static String answer(String flags) {
        return flow(T, "10.0.0.2", "10.0.0.1", 80, 43621, "TCP", flags, 1);
    }

    @ParameterizedTest(name = "{0} answered by {2} -> {3} {4}")
    @CsvSource({
        "......S., 1, ...A..S., syn, OPEN",
        ".....RS., 2, ...A..S., syn, OPEN",
        "...A.RS., 3, ...A..S., connect, OPEN",
        "...AP.SF, 5, ...AP.SF, connect, OPEN",
        "......S., 1, ...A.R.., syn, CLOSED",
        ".......F, 1, ...A.R.., fin, CLOSED",
        "........, 1, ...A.R.., null, CLOSED",
        "..U.P..F, 1, ...A.R.., xmas, CLOSED",
        "...A...., 1, .....R.., ack, CLOSED",
        "...A...F, 1, .....R.., maimon, CLOSED",
    })
    void pairsInEitherOrder(String probeFlags, int pkts, String answerFlags, String technique, Outcome outcome) {
        for (boolean answerFirst : new boolean[] {false, true}) {
            String text = HEADER + (answerFirst ? answer(answerFlags) + probe(probeFlags, pkts)
                    : probe(probeFlags, pkts) + answer(answerFlags));
            FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.NFDUMP_CSV);
            Attempt a = r.only();
            assertThat(a.src()).isEqualTo(IpAddress.parse("10.0.0.1"));
            assertThat(a.port()).isEqualTo(80);
            assertThat(a.srcPort()).isEqualTo(43621);
            assertThat(a.technique()).isEqualTo(Technique.byLabel(technique));
            assertThat(a.outcome()).isEqualTo(outcome);
            assertThat(r.result().records()).isEqualTo(2);
            assertThat(r.result().skipped().count(SkipReason.PAIRED_ANSWER)).isEqualTo(1);
        }
    }

    @Test
    void unpairedProbesAndAnswers() {
        String text = HEADER
                + probe("......S.", 1)
                + flow(T, "10.0.0.1", "10.0.0.3", 43621, 80, "TCP", ".......F", 1)
                + flow(T, "10.0.0.5", "10.0.0.1", 80, 40000, "TCP", "...A..S.", 1)
                + flow(T, "10.0.0.5", "10.0.0.1", 80, 40001, "TCP", "...A.R..", 1)
                + LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.NFDUMP_CSV);
        assertThat(r.attempts()).extracting(Attempt::technique, Attempt::outcome).containsExactly(
                tuple(Technique.SYN, Outcome.FILTERED), tuple(Technique.FIN, Outcome.FILTERED));
        assertThat(r.result().skipped().count(SkipReason.ANSWER_ONLY)).isEqualTo(2);
        assertThat(r.result().skipped().count(SkipReason.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
    }

    @Test
    void unpairedProbeAtTheEndIsUnknown() {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + probe("......S.", 1), FlowFormat.NFDUMP_CSV);
        assertThat(r.only().outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void fileOrderIsKept() {
        String text = HEADER
                + flow(T, "10.0.0.1", "10.0.0.2", 1000, 22, "TCP", "......S.", 1)   // answered below
                + flow(T, "10.0.0.1", "10.0.0.3", 1000, 23, "TCP", "......S.", 1)   // never answered
                + flow(T, "10.0.0.1", "10.0.0.4", 1000, 24, "TCP", "......S.", 1)   // answered below
                + flow(T, "10.0.0.4", "10.0.0.1", 24, 1000, "TCP", "...A.R..", 1)
                + flow(T, "10.0.0.2", "10.0.0.1", 22, 1000, "TCP", "...A..S.", 1)
                + LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.NFDUMP_CSV);
        assertThat(r.attempts()).extracting(Attempt::port, Attempt::outcome).containsExactly(
                tuple(22, Outcome.OPEN), tuple(23, Outcome.FILTERED), tuple(24, Outcome.CLOSED));
    }

    @Test
    void udpIcmpZeroTimesAndTheSummary() {
        String text = HEADER
                + flow("1970-01-01 00:00:00", "10.0.0.1", "10.0.0.2", 40000, 53, "UDP", "........", 1)
                + flow(T, "10.0.0.2", "10.0.0.1", 53, 40000, "UDP", "........", 1)
                + flow(T, "10.0.0.1", "10.0.0.2", 0, 2048, "ICMP", "........", 1)
                + flow(T, "10.0.0.2", "10.0.0.1", 0, 0, "ICMP", "........", 1)
                + flow(T, "10.0.0.2", "10.0.0.1", 0, 771, "ICMP", "........", 5)
                + flow(T, "10.0.0.1", "10.0.0.7", 40000, 161, "UDP", "........", 1)
                + flow(T, "10.0.0.1", "224.0.0.251", 5353, 5353, "UDP", "........", 1)
                + "not,a,flow\n"
                + LATER
                + "Summary\n"
                + "flows,bytes,packets,avg_bps,avg_pps,avg_bpp\n"
                + "10,440,10,0,0,44\n";
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.NFDUMP_CSV);
        assertThat(r.result().problem()).isNull();
        assertThat(r.attempts()).extracting(Attempt::protocol, Attempt::port, Attempt::outcome).containsExactly(
                tuple(Protocol.UDP, 53, Outcome.OPEN),
                tuple(Protocol.ICMP, 0, Outcome.OPEN),
                tuple(Protocol.UDP, 161, Outcome.FILTERED));
        // the zero time stamp borrowed its answer's
        assertThat(r.attempts().get(0).timeNanos()).isEqualTo(1_795_364_336_000_000_000L);
        FlowStats s = r.result().skipped();
        assertThat(s.count(SkipReason.PAIRED_ANSWER)).isEqualTo(2);
        assertThat(s.count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
        assertThat(s.count(SkipReason.MULTICAST)).isEqualTo(1);
        assertThat(s.malformedLines()).containsExactly(9L);
        assertThat(r.result().records()).isEqualTo(r.result().attempts() + s.total());
    }

    @Test
    void missingColumnIsAProblem() {
        FlowFixtures.Read r = FlowFixtures.read("ts,te,td,sa,da,sp,dp,pr,ipkt\n" + probe("......S.", 1),
                FlowFormat.NFDUMP_CSV);
        assertThat(r.result().problem().describe())
                .isEqualTo("fixture: missing column flg in the nfdump header at line 1 at byte offset 0");
        assertThat(r.attempts()).isEmpty();
    }
}
