package dev.scanwatch.bench.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The flood reads back whole, in time order, one distinct source per SYN, with the sweep moved to 10/8 inside. */
class FloodCaptureTest {

    private static final int SOURCES = 50_000;
    private static final int SWEEP_HOSTS = 30;

    @Test
    void floodHasDistinctSourcesAndTheSweepInside() throws IOException {
        List<RawFrame> sweep = new ArrayList<>();
        long t0 = 1_700_000_000_000_000_000L;
        for (int h = 1; h <= SWEEP_HOSTS; h++) {
            sweep.add(FrameBuilder.tcp(t0 + h * 1_000_000L, FrameBuilder.loopback(66, 0, 9), 40_000,
                    FrameBuilder.loopback(0, 0, h), 445, FrameBuilder.SYN, 0));
        }
        FloodCapture flood = new FloodCapture(SOURCES, 100_000, 0.5, sweep);
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
                    } else {
                        floodSources.add(p.srcLo);
                    }
                });

        assertThat(r.complete()).isTrue();
        assertThat(s.packets()).isEqualTo(SOURCES + SWEEP_HOSTS);
        assertThat(r.stats().frames()).isEqualTo(SOURCES + SWEEP_HOSTS);
        assertThat(floodSources).hasSize(SOURCES);
        assertThat(sweepTargets).hasSize(SWEEP_HOSTS);
        assertThat(s.sweepScanner()).isEqualTo("10.66.0.9");
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isGreaterThanOrEqualTo(times.get(i - 1));
        }
    }

    @Test
    void sourceAddressesAreDistinct() {
        Set<Integer> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            assertThat(seen.add(FloodCapture.sourceAddress(i))).isTrue();
        }
    }
}
