package dev.scanwatch.io.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgusCsvReaderTest {

    private static final String HEADER = "StartTime,LastTime,SrcAddr,Sport,DstAddr,Dport,Proto,State,SrcPkts,DstPkts,SrcBytes,DstBytes\n";
    /** A record 60 s later, so that unanswered probes before it have waited long enough to be FILTERED. */
    private static final String LATER = "1700000060.0,1700000060.0,10.9.9.9,1,10.9.9.8,2,gre,INT,1,0,60,0\n";

    private static String tcp(String state, int srcPkts, int dstPkts) {
        return "1700000000.000100,1700000000.000200,10.0.0.1,40000,10.0.0.2,80,tcp," + state + "," + srcPkts + ","
               + dstPkts + ",60,60\n";
    }

    @ParameterizedTest(name = "{0} -> {3} {4}")
    @CsvSource({
        "S_RA, 1, 1, syn, CLOSED",
        "S_R, 1, 1, syn, CLOSED",
        "SR_SA, 2, 1, syn, OPEN",
        "SRA_SA, 3, 1, connect, OPEN",
        "FSPA_FSPA, 6, 5, connect, OPEN",
        "SR_RA, 2, 1, syn, CLOSED",
        "S_, 1, 0, syn, FILTERED",
        "SRPA_, 1, 0, syn, FILTERED",
        "SRPA_, 4, 0, connect, OPEN",
        "F_RA, 1, 1, fin, CLOSED",
        "F_, 1, 0, fin, FILTERED",
        "_RA, 1, 1, null, CLOSED",
        "FPU_RA, 1, 1, xmas, CLOSED",
        "A_R, 1, 1, ack, CLOSED",
        "FA_R, 1, 1, maimon, CLOSED",
        "REQ, 1, 0, syn, FILTERED",
        "INT, 1, 0, syn, FILTERED",
        "S0, 1, 0, syn, FILTERED",
        "ACC, 2, 1, syn, OPEN",
        "CON, 3, 2, connect, OPEN",
        "FIN, 5, 4, connect, OPEN",
        "RST, 1, 1, syn, CLOSED",
        "RST, 2, 1, syn, OPEN",
        "RST, 4, 3, connect, OPEN",
    })
    void tcpStates(String state, int srcPkts, int dstPkts, String technique, Outcome outcome) {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + tcp(state, srcPkts, dstPkts) + LATER, FlowFormat.ARGUS_CSV);
        assertThat(r.result().problem()).isNull();
        Attempt a = r.only();
        assertThat(a.technique()).isEqualTo(Technique.byLabel(technique));
        assertThat(a.outcome()).isEqualTo(outcome);
        assertThat(a.port()).isEqualTo(80);
        assertThat(a.srcPort()).isEqualTo(40000);
        assertThat(a.timeNanos()).isEqualTo(1_700_000_000_000_100_000L);
    }

    @ParameterizedTest(name = "{0} is backscatter")
    @CsvSource({"SA_, 1, 0", "SA_R, 1, 1", "R_, 1, 0", "RA_, 1, 0"})
    void answersOnly(String state, int srcPkts, int dstPkts) {
        FlowFixtures.Read r = FlowFixtures.read(HEADER + tcp(state, srcPkts, dstPkts), FlowFormat.ARGUS_CSV);
        assertThat(r.attempts()).isEmpty();
        assertThat(r.result().skipped().count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
    }

    @Test
    void udpAnsweredByIcmpPortUnreachableIsClosed() {
        // Argus prints the quoted port byte-swapped in the ICMP record's Dport: 0xe914 is 5353.
        String text = HEADER
                + "1700000000.1,1700000000.2,10.0.0.1,57022,10.0.0.2,5353,udp,INT,1,0,42,0\n"
                + "1700000000.15,1700000000.15,10.0.0.2,0x0303,10.0.0.1,0xe914,icmp,URP,1,0,70,0\n"
                + "1700000000.3,1700000000.3,10.0.0.1,57022,10.0.0.2,53,udp,CON,1,1,42,90\n"
                + "1700000000.4,1700000000.4,10.0.0.1,57022,10.0.0.2,161,udp,INT,1,0,42,0\n"
                + LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ARGUS_CSV);
        assertThat(r.attempts()).extracting(Attempt::protocol, Attempt::port, Attempt::outcome).containsExactly(
                tuple(Protocol.UDP, 5353, Outcome.CLOSED),
                tuple(Protocol.UDP, 53, Outcome.OPEN),
                tuple(Protocol.UDP, 161, Outcome.FILTERED));
        assertThat(r.result().skipped().count(SkipReason.PAIRED_ANSWER)).isEqualTo(1);
        assertThat(r.result().records()).isEqualTo(r.result().attempts() + r.result().skipped().total());
    }

    @Test
    void icmpEchoManagementAndOtherProtocols() {
        String text = HEADER
                + "1700000000.1,1700000000.2,10.0.0.1,0x0008,10.0.0.2,0x8c0c,icmp,ECO,1,1,98,98\n"
                + "1700000000.2,1700000000.2,10.0.0.1,0x0008,10.0.0.3,0x8c0c,icmp,ECO,1,0,98,0\n"
                + "1700000000.3,1700000000.3,10.0.0.3,0x0000,10.0.0.1,0x8c0c,icmp,ECR,1,0,98,0\n"
                + "1700000000.4,1700000000.4,10.0.0.3,0x000b,10.0.0.1,0x0000,icmp,TXD,1,0,98,0\n"
                + "1700000000.5,1700000000.5,0.0.0.0,0,0.0.0.0,0,man,STA,0,0,0,0\n"
                + "1700000000.6,1700000000.6,10.0.0.1,5353,224.0.0.251,5353,udp,INT,1,0,60,0\n"
                + LATER;
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ARGUS_CSV);
        assertThat(r.attempts()).extracting(Attempt::protocol, Attempt::port, Attempt::technique, Attempt::outcome)
                .containsExactly(tuple(Protocol.ICMP, 0, Technique.ICMP_ECHO, Outcome.OPEN),
                        tuple(Protocol.ICMP, 0, Technique.ICMP_ECHO, Outcome.FILTERED));
        FlowStats s = r.result().skipped();
        assertThat(s.count(SkipReason.ANSWER_ONLY)).isEqualTo(1);
        assertThat(s.count(SkipReason.OTHER_ICMP)).isEqualTo(1);
        assertThat(s.count(SkipReason.MANAGEMENT)).isEqualTo(1);
        assertThat(s.count(SkipReason.MULTICAST)).isEqualTo(1);
        assertThat(s.count(SkipReason.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
    }

    @Test
    void binetflowWithDateTimesAndOnlyTotals() {
        String text = """
                StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label
                2011/08/16 10:01:46.972101,0.000000,tcp,10.0.0.1,52691,   ->,10.0.0.2,445,S_,0,0,1,70,70,
                2011/08/16 10:01:47.000000,0.699716,tcp,10.0.0.1,52798,   ->,10.0.0.3,445,S_RA,0,0,2,134,70,
                2011/08/16 10:01:48.000000,0.003,udp,10.0.0.1,56343,  <->,10.0.0.4,53,CON,0,0,2,208,72,
                2011/08/16 10:01:49.000000,127.9,arp,10.0.0.1,,  who,10.0.0.4,,CON,,,10,510,300,
                2011/08/16 10:01:50.000000,0.1,tcp,10.0.0.1,abc,   ->,10.0.0.2,445,S_,0,0,1,70,70,
                """;
        assertThat(FlowFixtures.detect(text)).isEqualTo(FlowFormat.ARGUS_CSV);
        FlowFixtures.Read r = FlowFixtures.read(text, FlowFormat.ARGUS_CSV);
        assertThat(r.attempts()).extracting(Attempt::port, Attempt::technique, Attempt::outcome).containsExactly(
                tuple(445, Technique.SYN, Outcome.UNKNOWN),
                tuple(445, Technique.SYN, Outcome.CLOSED),
                tuple(53, Technique.UDP, Outcome.OPEN));
        // 2011-08-16T10:01:46.972101Z: date-times without a zone are UTC
        assertThat(r.attempts().get(0).timeNanos()).isEqualTo(1_313_488_906_972_101_000L);
        assertThat(r.result().skipped().count(SkipReason.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
        assertThat(r.result().skipped().malformedLines()).containsExactly(6L);
    }

    @Test
    void missingColumnIsAProblem() {
        FlowFixtures.Read r = FlowFixtures.read("StartTime,SrcAddr,Sport,DstAddr,Proto,State\n1.0,10.0.0.1,1,10.0.0.2,tcp,S_\n",
                FlowFormat.ARGUS_CSV);
        assertThat(r.result().problem().message()).isEqualTo("missing column Dport in the Argus header at line 1");
        assertThat(r.attempts()).isEmpty();
    }
}
