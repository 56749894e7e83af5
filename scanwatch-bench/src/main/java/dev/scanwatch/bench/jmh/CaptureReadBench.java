package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.packet.Packet;
import dev.scanwatch.io.capture.CaptureReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * (b) CaptureReader over a pcap: record walk plus decode, per packet. From a byte array through
 * the stream path (stdin's), and from a file in the page cache through the file channel (the
 * path {@code scanwatch analyze FILE} takes).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CaptureReadBench {

    private BenchInputs in;
    private long sum;

    @Setup
    public void setUp() {
        in = BenchInputs.get();
    }

    private void onPacket(Packet p) {
        sum += p.dstPort;
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public long readStream() throws IOException {
        CaptureReader.read("bench", new ByteArrayInputStream(in.pcap), this::onPacket);
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.PACKETS)
    public long readFile() throws IOException {
        CaptureReader.read(in.pcapFile, this::onPacket);
        return sum;
    }
}
