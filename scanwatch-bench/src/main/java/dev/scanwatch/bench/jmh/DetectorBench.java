package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.ScanDetector;
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
 * (d) ScanDetector.onAttempt over the attempts the tracker made of the benchmark packets, per
 * attempt, with event time advanced as the pipeline advances it; fresh detector per invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DetectorBench {

    private BenchInputs in;

    @Setup
    public void setUp() {
        in = BenchInputs.get();
    }

    @Benchmark
    @OperationsPerInvocation(BenchInputs.ATTEMPTS)
    public int onAttempt(Blackhole bh) {
        ScanDetector detector = new ScanDetector(DetectorConfig.defaults(), bh::consume);
        for (int i = 0; i < BenchInputs.ATTEMPTS; i++) {
            detector.onAttempt(in.attempts[i]);
            detector.advanceTo(in.attemptNow[i]);
        }
        int tracked = detector.trackedSources();
        detector.finish();
        return tracked;
    }
}
