package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.decode.DecodeResult;
import dev.scanwatch.io.decode.FrameDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/** (a) FrameDecoder.decode over real frames held in memory: ns and bytes allocated per frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeBench {

    private BenchInputs in;
    private final Packet packet = new Packet();

    @Setup
    public void setUp() {
        in = BenchInputs.get();
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public long decode() {
        long sum = 0;
        for (int i = 0; i < BenchInputs.PACKETS; i++) {
            DecodeResult r = FrameDecoder.decode(in.linkType, in.frames, in.frameOffsets[i], in.frameLengths[i], packet);
            sum += r.ordinal() + packet.dstPort; // depends on the output, so nothing is optimised away
        }
        return sum;
    }
}
