package dev.scanwatch.bench.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The flood reads back whole, in time order, one distinct source per probe, with the sweep moved to 10/8 inside. */
class FloodCaptureTest {

    private static final int SOURCES = 50_000;
    private static final int SWEEP_HOSTS = 30;

    /**
     * The captures behind the figures of docs/PERFORMANCE.md's flood sections: the SYN shape writes
     * what the generator wrote before there were shapes (SHA-256 taken with commit fa31bdf), the
     * others what they wrote before IPv6 (taken with commit cf3ac35).
     */
    @ParameterizedTest
    @CsvSource({
        "SYN, 111fc7dba447a1e74c758d932b75a0a9aa99443fe834d12602c872e1e22bc537",
        "ANSWERED, d5be43e11d530eabc4ab59383639a992fe82d9674110c1e646859cc58bdf3d3e",
        "RANDOM_PORTS, 2d90c8f5a84292d9b4459c68669ae52e3135861ad21d425bb112dba1034b7cc8",
        "UDP, 2da614d4e4f091705548eb9bbd2b30c0549338769491ab457815b0a50257666e",
        "ICMP, 238db7b3be5448c5911efbe428843e671cdf3634beb5c0b84cd81253caf48d1d"})
    void eachIpv4ShapeWritesTheCaptureItAlwaysDid(FloodCapture.Shape shape, String sha256) throws Exception {
        byte[] capture = write(shape);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(capture))).isEqualTo(sha256);
    }

    @ParameterizedTest
    @EnumSource(FloodCapture.Shape.class)
    void floodHasDistinctSourcesAndTheSweepInside(FloodCapture.Shape shape) throws IOException {
        FloodCapture flood = new FloodCapture(SOURCES, shape, 100_000, 0.5, sweep());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FloodCapture.Summary s = flood.write(Channels.newChannel(bytes));

        Set<Long> floodSources = new HashSet<>();
        Set<Long> sweepTargets = new HashSet<>();
        List<Long> times = new ArrayList<>();
        CaptureReader.ReadResult r = CaptureReader.read("flood", new ByteArrayInputStream(bytes.toByteArray()),
                (Packet p) -> {
                    times.add(p.timeNanos);
                    if ((int) p.srcLo == (10 << 24 | 66 << 16 | 9)) {
                        sweepTargets.add(p.dstLo);
                    } else if (!isFromVictim(p)) {
                        floodSources.add(p.srcLo);
                    }
                });

        int perSource = shape.answered() ? 2 : 1;
        assertThat(r.complete()).isTrue();
        assertThat(s.packets()).isEqualTo((long) SOURCES * perSource + SWEEP_HOSTS);
        assertThat(r.stats().frames()).isEqualTo((long) SOURCES * perSource + SWEEP_HOSTS);
        assertThat(floodSources).hasSize(SOURCES);
        assertThat(sweepTargets).hasSize(SWEEP_HOSTS);
        assertThat(s.sweepScanner()).isEqualTo("10.66.0.9");
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isGreaterThanOrEqualTo(times.get(i - 1));
        }
    }

    /** Each shape sends what it says: its protocol, its ports (an echo's identifier), and an answer or none. */
    @ParameterizedTest
    @EnumSource(FloodCapture.Shape.class)
    void eachShapeSendsItsProbesAndAnswers(FloodCapture.Shape shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FloodCapture.Summary s = new FloodCapture(SOURCES, shape, 100_000, 0.5, sweep())
                .write(Channels.newChannel(bytes));

        List<Packet> probes = new ArrayList<>();
        List<Packet> answers = new ArrayList<>();
        CaptureReader.read("flood", new ByteArrayInputStream(bytes.toByteArray()), (Packet p) -> {
            if ((int) p.srcLo != (10 << 24 | 66 << 16 | 9)) {
                (isFromVictim(p) ? answers : probes).add(p.copy());
            }
        });

        assertThat(probes).hasSize(SOURCES);
        int protocol = switch (shape.probe()) {
            case UDP -> Packet.PROTO_UDP;
            case ICMP_ECHO -> Packet.PROTO_ICMP;
            case TCP_SYN -> Packet.PROTO_TCP;
        };
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.protocol).isEqualTo(protocol);
            assertThat(p.payloadLength).isZero();
            if (protocol == Packet.PROTO_TCP) {
                assertThat(p.tcpFlags).isEqualTo(Packet.TCP_SYN);
            } else if (protocol == Packet.PROTO_ICMP) {
                assertThat(p.icmpType).isEqualTo(8); // echo request
            }
        });
        Set<Integer> ports = new HashSet<>();
        probes.forEach(p -> ports.add(protocol == Packet.PROTO_ICMP ? p.icmpId : p.dstPort));
        if (shape.fewPorts()) {
            assertThat(ports).containsExactlyInAnyOrder(80, 443, 22);
        } else if (protocol == Packet.PROTO_ICMP) {
            assertThat(ports).as("echo identifiers").hasSizeGreaterThan(SOURCES / 2);
        } else {
            assertThat(ports).hasSizeGreaterThan(SOURCES / 2).allSatisfy(port -> assertThat(port).isBetween(1, 65_535));
        }
        if (shape.answered()) {
            assertThat(answers).hasSize(SOURCES);
            for (int i = 0; i < SOURCES; i++) {
                Packet probe = probes.get(i);
                Packet answer = answers.get(i);
                assertThat(answer.tcpFlags).isEqualTo(Packet.TCP_SYN | Packet.TCP_ACK);
                assertThat(answer.timeNanos).isEqualTo(probe.timeNanos);
                assertThat(new long[] {answer.srcLo, answer.dstLo, answer.srcPort, answer.dstPort})
                        .containsExactly(probe.dstLo, probe.srcLo, probe.dstPort, probe.srcPort);
            }
            assertEachAnswerAcknowledgesItsProbe(bytes.toByteArray(), FrameBuilder.ETHERNET_HEADER + FrameBuilder.IPV4_HEADER);
        } else {
            assertThat(answers).isEmpty();
        }
        assertThat(s.floodPackets()).isEqualTo(probes.size() + answers.size());
    }

    /** With --ipv6: every probe from its own IPv6 source to an IPv6 victim, answered as the shape says; the IPv4 sweep inside. */
    @ParameterizedTest
    @EnumSource(FloodCapture.Shape.class)
    void anIpv6FloodHasDistinctIpv6SourcesAndTheSweepInside(FloodCapture.Shape shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FloodCapture.Summary s = new FloodCapture(SOURCES, shape, true, 100_000, 0.5, sweep())
                .write(Channels.newChannel(bytes));

        List<Packet> probes = new ArrayList<>();
        List<Packet> answers = new ArrayList<>();
        Set<Long> sweepTargets = new HashSet<>();
        CaptureReader.ReadResult r = CaptureReader.read("flood6", new ByteArrayInputStream(bytes.toByteArray()),
                (Packet p) -> {
                    if (p.ipVersion == 4) {
                        assertThat((int) p.srcLo).isEqualTo(10 << 24 | 66 << 16 | 9);
                        sweepTargets.add(p.dstLo);
                    } else {
                        (p.srcHi == FloodCapture.VICTIM6_HI ? answers : probes).add(p.copy());
                    }
                });

        assertThat(r.complete()).isTrue();
        assertThat(sweepTargets).hasSize(SWEEP_HOSTS);
        assertThat(s.sweepScanner()).isEqualTo("10.66.0.9");
        assertThat(probes).hasSize(SOURCES).allSatisfy(p -> {
            assertThat(p.srcHi).isEqualTo(FloodCapture.SOURCE6_HI);
            assertThat(p.dstHi).isEqualTo(FloodCapture.VICTIM6_HI);
            assertThat(p.dstLo).isBetween(FloodCapture.VICTIM6_LO_BASE, FloodCapture.VICTIM6_LO_BASE + 3);
            assertThat(p.protocol).isEqualTo(switch (shape.probe()) {
                case TCP_SYN -> Packet.PROTO_TCP;
                case UDP -> Packet.PROTO_UDP;
                case ICMP_ECHO -> Packet.PROTO_ICMPV6;
            });
            if (shape.probe() == FloodCapture.Probe.ICMP_ECHO) {
                assertThat(p.icmpType).isEqualTo(128); // echo request
            } else if (shape.probe() == FloodCapture.Probe.TCP_SYN) {
                assertThat(p.tcpFlags).isEqualTo(Packet.TCP_SYN);
            }
        });
        if (shape.probe() == FloodCapture.Probe.ICMP_ECHO) {
            assertThat(probes.stream().map(p -> p.icmpId).distinct().count()).as("echo identifiers")
                    .isGreaterThan(SOURCES / 2);
        }
        assertThat(probes.stream().map(p -> p.srcLo).distinct().count()).isEqualTo(SOURCES);
        if (shape.fewPorts()) {
            assertThat(probes.stream().map(p -> p.dstPort).distinct()).containsExactlyInAnyOrder(80, 443, 22);
        }
        if (shape.answered()) {
            assertThat(answers).hasSize(SOURCES);
            for (int i = 0; i < SOURCES; i++) {
                assertThat(answers.get(i).tcpFlags).isEqualTo(Packet.TCP_SYN | Packet.TCP_ACK);
                assertThat(new long[] {answers.get(i).srcLo, answers.get(i).dstHi, answers.get(i).dstLo,
                        answers.get(i).dstPort, answers.get(i).srcPort})
                        .containsExactly(probes.get(i).dstLo, probes.get(i).srcHi, probes.get(i).srcLo,
                                probes.get(i).srcPort, probes.get(i).dstPort);
            }
            assertEachAnswerAcknowledgesItsProbe(bytes.toByteArray(),
                    FrameBuilder.ETHERNET_HEADER + FrameBuilder.IPV6_HEADER);
        } else {
            assertThat(answers).isEmpty();
        }
        assertThat(s.floodPackets()).isEqualTo(probes.size() + answers.size());
    }

    /** A SYN-ACK follows its SYN at once, with the SYN's sequence number plus one as its acknowledgement. */
    private static void assertEachAnswerAcknowledgesItsProbe(byte[] capture, int tcp) {
        ByteBuffer headers = ByteBuffer.wrap(capture).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer network = ByteBuffer.wrap(capture);
        int answers = 0;
        long previousSeq = -1;
        int etherType = tcp == FrameBuilder.ETHERNET_HEADER + FrameBuilder.IPV6_HEADER
                ? FrameBuilder.ETHERTYPE_IPV6 : FrameBuilder.ETHERTYPE_IPV4;
        for (int record = PcapFormat.FILE_HEADER; record < capture.length; ) {
            int frame = record + PcapFormat.RECORD_HEADER;
            int captured = headers.getInt(record + 8);
            record = frame + captured;
            if ((network.getShort(frame + 12) & 0xFFFF) != etherType || captured < tcp + FrameBuilder.TCP_HEADER) {
                continue; // the sweep's IPv4 frames inside an IPv6 flood
            }
            int flags = capture[frame + tcp + 13] & 0xFF;
            long seq = Integer.toUnsignedLong(network.getInt(frame + tcp + 4));
            if (flags == (FrameBuilder.SYN | FrameBuilder.ACK)) {
                long ack = Integer.toUnsignedLong(network.getInt(frame + tcp + 8));
                assertThat(ack).isEqualTo((previousSeq + 1) & 0xFFFF_FFFFL);
                answers++;
            }
            previousSeq = seq;
        }
        assertThat(answers).isEqualTo(SOURCES);
    }

    private static boolean isFromVictim(Packet p) {
        return (int) p.srcLo >>> 8 == FloodCapture.VICTIM_BASE >>> 8;
    }

    private static List<RawFrame> sweep() {
        List<RawFrame> sweep = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L;
        for (int h = 1; h <= SWEEP_HOSTS; h++) {
            sweep.add(FrameBuilder.tcp(t0 + h * 1_000_000L, FrameBuilder.loopback(66, 0, 9), 40_000,
                    FrameBuilder.loopback(0, 0, h), 445, FrameBuilder.SYN, 0));
        }
        return sweep;
    }

    private static byte[] write(FloodCapture.Shape shape) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FloodCapture(SOURCES, shape, 100_000, 0.5, sweep()).write(Channels.newChannel(bytes));
        return bytes.toByteArray();
    }

    /** What each shape is meant to send, written out here so that the capture tests do not follow a wrong flag. */
    @Test
    void eachShapeSaysWhatItSends() {
        assertThat(java.util.Arrays.stream(FloodCapture.Shape.values())
                .map(s -> s.optionName() + " " + s.probe() + " fewPorts=" + s.fewPorts() + " answered=" + s.answered()))
                .containsExactly(
                        "syn TCP_SYN fewPorts=true answered=false",
                        "answered TCP_SYN fewPorts=true answered=true",
                        "random-ports TCP_SYN fewPorts=false answered=false",
                        "udp UDP fewPorts=false answered=false",
                        "icmp ICMP_ECHO fewPorts=false answered=false");
    }

    @Test
    void shapesAreNamedAsOnTheCommandLine() {
        for (FloodCapture.Shape shape : FloodCapture.Shape.values()) {
            assertThat(FloodCapture.Shape.parse(shape.optionName())).isEqualTo(shape);
        }
        assertThat(FloodCapture.Shape.parse("random-ports")).isEqualTo(FloodCapture.Shape.RANDOM_PORTS);
        assertThat(FloodCapture.Shape.parse("UDP")).isEqualTo(FloodCapture.Shape.UDP);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FloodCapture.Shape.parse("ipv6")).withMessageContaining("ipv6");
        assertThat(FloodCapture.Shape.optionNames()).isEqualTo("syn|answered|random-ports|udp|icmp");
    }

    @Test
    void sourceAddressesAreDistinct() {
        Set<Integer> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            assertThat(seen.add(FloodCapture.sourceAddress(i))).isTrue();
        }
    }
}
