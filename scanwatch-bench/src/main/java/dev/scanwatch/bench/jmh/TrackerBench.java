package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.core.track.AttemptListener;
import dev.scanwatch.core.track.ConnectionTracker;
import dev.scanwatch.core.track.TrackerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * (c) ConnectionTracker.onPacket over pre-decoded packets, per packet. Each invocation starts
 * from an empty tracker and ends with {@code finish()}, as one run of the CLI does, so table
 * growth and the attempts it emits are part of the cost.
 *
 * <p>The attempts are taken field by field, as the pipeline takes them. A listener of whole
 * {@code Attempt}s made the allocation figure depend on whether the JIT could drop the
 * {@code Attempt} it builds for the blackhole: a refactoring of the table that changed nothing
 * else moved it from 55 to 82 bytes a packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TrackerBench {

    private BenchInputs in;

    @Setup
    public void setUp() {
        in = BenchInputs.get();
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public int onPacket(Blackhole bh) {
        ConnectionTracker tracker = new ConnectionTracker(TrackerConfig.defaults(), new AttemptListener() {
            @Override
            public void onAttempt(Attempt attempt) {
                bh.consume(attempt);
            }

            @Override
            public void onAttempt(long timeNanos, long srcHi, long srcLo, long dstHi, long dstLo, Protocol protocol,
                                  int port, int srcPort, Technique technique, Outcome outcome) {
                bh.consume(timeNanos ^ srcLo ^ dstLo ^ port);
                bh.consume(outcome);
            }
        });
        for (Packet p : in.packets) {
            tracker.onPacket(p);
        }
        tracker.finish();
        return tracker.size();
    }
}
