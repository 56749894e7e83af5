package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * (e) The whole detection core per packet: tracker, scan detector, distributed-scan detector
 * and decoy correlator ({@code packets}), and the same behind analyze's input reader
 * ({@code fromFile}: {@code scanwatch analyze FILE} on one thread without the sink, the check for
 * flow export in the capture included, with a listener that takes every alert event). Fresh
 * pipeline per invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PipelineBench {

    private BenchInputs in;

    @Setup
    public void setUp() {
        in = BenchInputs.get();
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public Pipeline packets(Blackhole bh) {
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), DetectorConfig.defaults(), bh::consume);
        for (Packet p : in.packets) {
            pipeline.onPacket(p);
        }
        pipeline.finish();
        return pipeline;
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public Pipeline fromFile(Blackhole bh) throws IOException {
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), DetectorConfig.defaults(), bh::consume);
        InputReader.read(in.pcapFile, null, pipeline::onPacket, pipeline::onAttempt);
        pipeline.finish();
        return pipeline;
    }
}
