package dev.scanwatch.bench.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated capture reads back whole, in time order, with distinct addresses per repetition. */
class CaptureGeneratorTest {

    private static final int PACKETS = 30_000;
    private static final int OVERLAP = 3;

    /** Everything the project's reader sees in a capture: times and source addresses. */
    private record ReadBack(CaptureReader.ReadResult result, List<Long> times, Set<Long> sources) {
    }

    private static ReadBack read(byte[] pcap) throws IOException {
        List<Long> times = new ArrayList<>();
        Set<Long> sources = new HashSet<>();
        CaptureReader.ReadResult r = CaptureReader.read("generated", new ByteArrayInputStream(pcap), (Packet p) -> {
            times.add(p.timeNanos);
            sources.add(p.srcLo);
        });
        return new ReadBack(r, times, sources);
    }

    private static void assertWholeAndMonotonic(ReadBack back, int packets) {
        assertThat(back.result().complete()).isTrue();
        assertThat(back.result().stats().frames()).isEqualTo(packets);
        for (int i = 1; i < back.times().size(); i++) {
            assertThat(back.times().get(i)).as("time of packet %d", i).isGreaterThanOrEqualTo(back.times().get(i - 1));
        }
    }

    @Test
    void syntheticCaptureReadsBackWholeAndInOrder() throws IOException {
        BaseTrace base = BaseTrace.load(null, BaseTrace.DEFAULT_BACKGROUND_RATIO);
        CaptureGenerator generator = new CaptureGenerator(base, OVERLAP);
        byte[] pcap = generator.toBytes(PACKETS);

        ReadBack back = read(pcap);

        assertWholeAndMonotonic(back, PACKETS);
        assertThat(base.fromSharedTraces()).isFalse();
    }

    /** The same packets through the pcapng reader as through the pcap one: what --format pcapng times. */
    @Test
    void pcapngHoldsThePacketsOfThePcap() throws IOException {
        CaptureGenerator generator = new CaptureGenerator(BaseTrace.load(null, BaseTrace.DEFAULT_BACKGROUND_RATIO), OVERLAP);
        List<String> fromPcap = new ArrayList<>();
        List<String> fromPcapng = new ArrayList<>();
        CaptureReader.ReadResult pcap = CaptureReader.read("pcap",
                new ByteArrayInputStream(generator.toBytes(PACKETS, CaptureFormat.PCAP)), p -> fromPcap.add(describe(p)));
        CaptureReader.ReadResult pcapng = CaptureReader.read("pcapng",
                new ByteArrayInputStream(generator.toBytes(PACKETS, CaptureFormat.PCAPNG)), p -> fromPcapng.add(describe(p)));

        assertThat(pcap.format()).isEqualTo("pcap");
        assertThat(pcapng.format()).isEqualTo("pcapng");
        assertThat(pcapng.complete()).isTrue();
        assertThat(pcapng.stats().frames()).isEqualTo(PACKETS);
        assertThat(pcapng.stats().capturedBytes()).isEqualTo(pcap.stats().capturedBytes());
        assertThat(fromPcapng).hasSize(fromPcap.size()).isEqualTo(fromPcap);
    }

    private static String describe(Packet p) {
        return p.timeNanos + " " + p.protocol + " " + p.srcHi + ":" + p.srcLo + "." + p.srcPort + ">" + p.dstHi + ":"
               + p.dstLo + "." + p.dstPort + " " + p.tcpFlags + " " + p.payloadLength + " " + p.icmpType;
    }

    @Test
    void repetitionsUseDisjointAddressesOutsideLoopback() throws IOException {
        BaseTrace base = BaseTrace.load(null, BaseTrace.DEFAULT_BACKGROUND_RATIO);
        int oneRepetition = base.size();
        byte[] first = new CaptureGenerator(base, 1).toBytes(oneRepetition);
        byte[] two = new CaptureGenerator(base, 1).toBytes(2L * oneRepetition);

        Set<Long> firstSources = read(first).sources();
        Set<Long> allSources = read(two).sources();

        assertThat(firstSources).noneMatch(a -> ((int) (long) a >>> 24) == AddressPlan.LOOPBACK_NET);
        assertThat(allSources).hasSize(2 * firstSources.size());
    }

    @Test
    void sharedTracesWhenPresent() throws IOException {
        Path shared = TraceLoader.sharedDirectory();
        BaseTrace base = BaseTrace.load(shared, BaseTrace.DEFAULT_BACKGROUND_RATIO);
        assertThat(base.fromSharedTraces()).isEqualTo(shared != null);

        assertWholeAndMonotonic(read(new CaptureGenerator(base, OVERLAP).toBytes(PACKETS)), PACKETS);
    }

    @Test
    void addressPlanGivesEachRepetitionItsOwnBlock() {
        AddressPlan plan = new AddressPlan(new int[] {0x7F000001, 0x7F420001, 0x7F000002});
        assertThat(plan.blockSize()).isEqualTo(4);
        assertThat(plan.address(0, 0)).isEqualTo(10 << 24);
        assertThat(plan.address(1, 2)).isEqualTo((10 << 24) + 4 + 2);
        assertThat(plan.indexOf(0x7F420001)).isEqualTo(2);
    }
}
