package dev.scanwatch.core.track;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.packet.Packet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.scanwatch.core.track.TestPackets.ACK;
import static dev.scanwatch.core.track.TestPackets.FIN;
import static dev.scanwatch.core.track.TestPackets.PSH;
import static dev.scanwatch.core.track.TestPackets.RST;
import static dev.scanwatch.core.track.TestPackets.SYN;
import static dev.scanwatch.core.track.TestPackets.URG;
import static dev.scanwatch.core.track.TestPackets.echo;
import static dev.scanwatch.core.track.TestPackets.proto;
import static dev.scanwatch.core.track.TestPackets.tcp;
import static dev.scanwatch.core.track.TestPackets.udp;
import static dev.scanwatch.core.track.TestPackets.unreachable;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionTrackerTest {

    private static final String SCANNER = "10.9.9.9";
    private static final String HOST = "10.0.0.1";

    private final List<Attempt> attempts = new ArrayList<>();
    private final ConnectionTracker tracker = new ConnectionTracker(TrackerConfig.defaults(), attempts::add);

    private void feed(Packet... packets) {
        for (Packet p : packets) {
            tracker.onPacket(p);
        }
    }

    private Attempt only() {
        assertThat(attempts).hasSize(1);
        return attempts.get(0);
    }

    @Test
    void synScanOpenPortIsHalfOpen() {
        feed(tcp(0, SCANNER, 40000, HOST, 22, SYN),
             tcp(1, HOST, 22, SCANNER, 40000, SYN | ACK),
             tcp(2, SCANNER, 40000, HOST, 22, RST));
        Attempt a = only();
        assertThat(a.technique()).isEqualTo(Technique.SYN);
        assertThat(a.outcome()).isEqualTo(Outcome.OPEN);
        assertThat(a.protocol()).isEqualTo(Protocol.TCP);
        assertThat(a.port()).isEqualTo(22);
        assertThat(a.srcPort()).isEqualTo(40000);
        assertThat(a.src().toString()).isEqualTo(SCANNER);
        assertThat(a.timeNanos()).isZero();
    }

    @Test
    void completedHandshakeIsAConnect() {
        feed(tcp(0, SCANNER, 40000, HOST, 80, SYN),
             tcp(1, HOST, 80, SCANNER, 40000, SYN | ACK),
             tcp(2, SCANNER, 40000, HOST, 80, ACK),
             tcp(3, SCANNER, 40000, HOST, 80, RST | ACK));
        assertThat(only().technique()).isEqualTo(Technique.CONNECT);
        assertThat(only().outcome()).isEqualTo(Outcome.OPEN);
    }

    @Test
    void rstMeansClosed() {
        feed(tcp(0, SCANNER, 40000, HOST, 23, SYN), tcp(1, HOST, 23, SCANNER, 40000, RST | ACK));
        assertThat(only().outcome()).isEqualTo(Outcome.CLOSED);
    }

    @Test
    void unansweredProbeIsFilteredAfterTheResponseTimeout() {
        feed(tcp(0, SCANNER, 40000, HOST, 445, SYN), tcp(1000, SCANNER, 40000, HOST, 445, SYN)); // retransmission
        assertThat(attempts).isEmpty();
        tracker.advanceTo(Duration.ofSeconds(5).toNanos());
        assertThat(only().outcome()).isEqualTo(Outcome.FILTERED);
    }

    @Test
    void probeStillWaitingWhenTheInputEndsIsUnknown() {
        feed(tcp(0, SCANNER, 40000, HOST, 445, SYN));
        tracker.finish();
        assertThat(only().outcome()).isEqualTo(Outcome.UNKNOWN);
    }

    @Test
    void repeatedContactIsOneAttempt() {
        for (int i = 0; i < 5; i++) {
            feed(tcp(i * 10, SCANNER, 40000 + i, HOST, 80, SYN),
                 tcp(i * 10 + 1, HOST, 80, SCANNER, 40000 + i, SYN | ACK),
                 tcp(i * 10 + 2, SCANNER, 40000 + i, HOST, 80, ACK));
        }
        tracker.finish();
        assertThat(attempts).hasSize(1);
    }

    @Test
    void unsolicitedSynAckIsBackscatterNotAnAttempt() {
        // A spoofed flood's victim answers hosts that never wrote to it.
        feed(tcp(0, "203.0.113.5", 80, "198.51.100.1", 31337, SYN | ACK),
             tcp(1, "203.0.113.5", 80, "198.51.100.2", 31338, SYN | ACK),
             tcp(2, "198.51.100.1", 31337, "203.0.113.5", 80, RST));
        tracker.finish();
        assertThat(attempts).isEmpty();
        assertThat(tracker.stats().unsolicitedAnswers()).isEqualTo(2);
    }

    @Test
    void midstreamServerPacketsAreNotProbes() {
        // The capture starts inside an HTTP download: the server speaks first.
        feed(tcp(0, HOST, 80, SCANNER, 50000, ACK | PSH, 1400),
             tcp(1, SCANNER, 50000, HOST, 80, ACK),
             tcp(2, HOST, 80, SCANNER, 50000, ACK | PSH, 1400));
        tracker.finish();
        assertThat(attempts).isEmpty();
    }

    @Test
    void stealthProbesGetTheirTechnique() {
        feed(tcp(0, SCANNER, 40000, HOST, 1, FIN), tcp(1, HOST, 1, SCANNER, 40000, RST | ACK),
             tcp(2, SCANNER, 40000, HOST, 2, 0), tcp(3, SCANNER, 40000, HOST, 3, FIN | PSH | URG),
             tcp(4, SCANNER, 40000, HOST, 4, ACK), tcp(5, HOST, 4, SCANNER, 40000, RST),
             tcp(6, SCANNER, 40000, HOST, 5, FIN | ACK));
        tracker.finish();
        assertThat(attempts).extracting(Attempt::port, Attempt::technique, Attempt::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, Technique.FIN, Outcome.CLOSED),
                org.assertj.core.groups.Tuple.tuple(4, Technique.ACK, Outcome.CLOSED),
                org.assertj.core.groups.Tuple.tuple(2, Technique.NULL, Outcome.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple(3, Technique.XMAS, Outcome.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple(5, Technique.MAIMON, Outcome.UNKNOWN));
    }

    @Test
    void udpProbeClosedByQuotedPortUnreachable() {
        feed(udp(0, SCANNER, 53000, HOST, 161), unreachable(1, HOST, 3, Packet.PROTO_UDP, SCANNER, 53000, HOST, 161),
             udp(2, SCANNER, 53000, HOST, 53), udp(3, HOST, 53, SCANNER, 53000));
        assertThat(attempts).extracting(Attempt::port, Attempt::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(161, Outcome.CLOSED),
                org.assertj.core.groups.Tuple.tuple(53, Outcome.OPEN));
    }

    @Test
    void answerFromAnotherPortIsAnAnswer() {
        // TFTP: the server replies from a fresh port to the port the client sent from.
        feed(udp(0, SCANNER, 36243, HOST, 69), udp(1, HOST, 42199, SCANNER, 36243),
             unreachable(2, SCANNER, 3, Packet.PROTO_UDP, HOST, 42199, SCANNER, 36243));
        tracker.finish();
        assertThat(only().port()).isEqualTo(69);
        assertThat(only().outcome()).isEqualTo(Outcome.OPEN);
        assertThat(tracker.stats().answersFromOtherPorts()).isEqualTo(1);
    }

    @Test
    void hostUnreachableIsFiltered() {
        feed(udp(0, SCANNER, 53000, HOST, 40125), unreachable(1, "10.0.0.254", 1, Packet.PROTO_UDP, SCANNER, 53000, HOST, 40125));
        assertThat(only().outcome()).isEqualTo(Outcome.FILTERED);
    }

    @Test
    void resolverAnswersWithoutQueriesAreNotAScan() {
        for (int port = 30000; port < 30200; port++) {
            feed(udp(port, "192.168.0.1", 53, "192.168.0.5", port));
        }
        tracker.finish();
        assertThat(attempts).isEmpty();
        // One conversation (client, resolver, udp/53) opened by an answer; the rest continue it.
        assertThat(tracker.stats().unsolicitedAnswers()).isEqualTo(1);
    }

    @Test
    void icmpErrorsThatMatchNothingAreCountedNotAttempts() {
        feed(unreachable(0, "10.0.0.2", 2, 47, "192.168.231.128", 0, "192.168.1.67", 0));
        tracker.finish();
        assertThat(attempts).isEmpty();
        assertThat(tracker.stats().unmatchedIcmpErrors()).isEqualTo(1);
    }

    @Test
    void pingAndProtocolProbes() {
        feed(echo(0, SCANNER, HOST, true), echo(1, HOST, SCANNER, false),
             echo(2, SCANNER, "10.0.0.2", true),
             proto(3, SCANNER, HOST, 47), unreachable(4, HOST, 2, 47, SCANNER, 0, HOST, 0),
             proto(5, SCANNER, HOST, 132));
        tracker.finish();
        assertThat(attempts).extracting(Attempt::protocol, Attempt::port, Attempt::technique, Attempt::outcome)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple(Protocol.ICMP, 0, Technique.ICMP_ECHO, Outcome.OPEN),
                org.assertj.core.groups.Tuple.tuple(Protocol.IP, 47, Technique.IP_PROTO, Outcome.CLOSED),
                org.assertj.core.groups.Tuple.tuple(Protocol.ICMP, 0, Technique.ICMP_ECHO, Outcome.UNKNOWN),
                org.assertj.core.groups.Tuple.tuple(Protocol.IP, 132, Technique.IP_PROTO, Outcome.UNKNOWN));
    }

    @Test
    void multicastIsNeverProbed() {
        feed(udp(0, "192.168.1.3", 5353, "224.0.0.251", 5353), proto(1, "192.168.1.1", "224.0.0.18", 112));
        tracker.finish();
        assertThat(attempts).isEmpty();
        assertThat(tracker.stats().multicastOrBroadcast()).isEqualTo(2);
    }

    @Test
    void capacityEvictsTheLeastRecentlyActiveAndCountsIt() {
        ConnectionTracker small = new ConnectionTracker(
                new TrackerConfig(Duration.ofSeconds(5), Duration.ofMinutes(2), 10), attempts::add);
        for (int port = 1; port <= 15; port++) {
            small.onPacket(tcp(port, SCANNER, 40000, HOST, port, SYN));
        }
        assertThat(small.size()).isEqualTo(10);
        assertThat(small.stats().evictions()).isEqualTo(5);
        assertThat(attempts).hasSize(5).allMatch(a -> a.outcome() == Outcome.UNKNOWN && a.port() <= 5);
    }

    @Test
    void idleConversationsAreForgottenSoALaterContactCountsAgain() {
        feed(tcp(0, SCANNER, 40000, HOST, 80, SYN), tcp(1, HOST, 80, SCANNER, 40000, RST));
        tracker.advanceTo(Duration.ofMinutes(3).toNanos());
        assertThat(tracker.size()).isZero();
        feed(tcp(Duration.ofMinutes(3).toMillis() + 1, SCANNER, 40001, HOST, 80, SYN));
        tracker.finish();
        assertThat(attempts).hasSize(2);
    }

    /**
     * The tracker remembers its last lookup that found nothing; a conversation opened since must
     * not be taken for absent. Here the miss of A's first SYN is the one remembered when A
     * retransmits, with another conversation found in between.
     */
    @Test
    void aConversationOpenedAfterALookupMissedIsFound() {
        String other = "10.7.7.7";
        feed(tcp(0, other, 50000, HOST, 22, SYN),
             tcp(1, SCANNER, 40000, HOST, 80, SYN),
             tcp(2, other, 50000, HOST, 22, SYN),
             tcp(3, SCANNER, 40000, HOST, 80, SYN));
        tracker.finish();
        assertThat(attempts).extracting(Attempt::port).containsExactlyInAnyOrder(22, 80);
    }
}
