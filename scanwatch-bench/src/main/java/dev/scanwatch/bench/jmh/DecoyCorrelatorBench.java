package dev.scanwatch.bench.jmh;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.model.Direction;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Severity;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The decoy correlator under the closed port scans it holds at once, per run of all of them
 * (held, then released by {@code finish()}):
 * <ul>
 *   <li>{@code decoys}: 1,000 sources over the same 1,000 ports of one host, one scan with
 *       nmap's {@code -D RND:999};</li>
 *   <li>{@code disjoint}: 1,000 sources over 60 ports each of one host, no port shared, so every
 *       pair is compared and none joins;</li>
 *   <li>{@code targets}: 20,000 port scans of 20 ports, 80 for each of 250 hosts, no port shared
 *       among one host's scans.</li>
 * </ul>
 * Comparing every held pair with sets of boxed ports took seconds for the last two.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DecoyCorrelatorBench {

    private static final long SECOND = 1_000_000_000L;

    @Param({"decoys", "disjoint", "targets"})
    public String shape;

    private List<Alert> scans;

    @Setup
    public void setUp() {
        int scanners = shape.equals("targets") ? 20_000 : 1_000;
        int ports = switch (shape) {
            case "decoys" -> 1_000;
            case "disjoint" -> 60;
            default -> 20;
        };
        scans = new ArrayList<>(scanners);
        for (int i = 0; i < scanners; i++) {
            int first = switch (shape) {
                case "decoys" -> 1;
                case "disjoint" -> 1 + i * ports;
                default -> 1 + i / 250 * ports; // the i-th scan of its host
            };
            List<Integer> list = IntStream.range(first, first + ports).boxed().toList();
            IpAddress target = IpAddress.ofV4(0x0A000000 + (shape.equals("targets") ? i % 250 : 0));
            scans.add(new Alert(i, AlertState.CLOSED, ScanKind.PORTSCAN, Protocol.TCP, IpAddress.ofV4(0xC6120000 + i),
                    List.of(), target, list, ports, List.of(), 1, target, target, SECOND, 2 * SECOND, ports, 0, ports, 0,
                    0, List.of(Technique.SYN), Direction.INBOUND, Severity.LOW, 10, "[TCP-SCAN]", null));
        }
    }

    @Benchmark
    public void holdAndRelease(Blackhole bh) {
        DistributedScanCorrelator correlator =
                new DistributedScanCorrelator(bh::consume, DetectorConfig.DEFAULT_MAX_LISTED_PORTS);
        for (Alert a : scans) {
            correlator.onAlert(a);
        }
        correlator.finish();
    }
}
