package dev.scanwatch.io.netflow;

import dev.scanwatch.io.SharedTraces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real exporter: softflowd replays a loopback capture as NetFlow v5, v9 or IPFIX to our
 * collector on 127.0.0.1 (ephemeral port); the alerts must name the attacker and kind that
 * {@code analyze} finds in the capture itself. Skipped when softflowd is not installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SoftflowdEquivalenceTest {

    private static final Duration SOFTFLOWD_TIMEOUT = Duration.ofSeconds(30);
    /** After softflowd exits, wait this long without a datagram before stopping the collector. */
    private static final Duration QUIET = Duration.ofMillis(700);

    private static Path softflowd() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
            Path p = Path.of(dir, "softflowd");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        assumeTrue(false, "softflowd is not installed (apt-get install softflowd); skipping the exporter equivalence test");
        return null;
    }

    @ParameterizedTest(name = "{0} as v{1}")
    @CsvSource({"scan_syn, 5", "scan_syn, 9", "scan_syn, 10", "sweep_445, 5", "sweep_445, 9", "sweep_445, 10"})
    void softflowdExportGivesTheCapturesAlerts(String name, int version) throws Exception {
        Path exe = softflowd();
        Path traces = SharedTraces.find();
        Path pcap = traces == null ? null : traces.resolve("loopback").resolve(name + ".pcap");
        assumeTrue(pcap != null && Files.isRegularFile(pcap), "no shared trace " + pcap + "; skipping");
        TreeSet<String> expected = Detect.analyze(pcap);
        assertThat(expected).isNotEmpty();

        Detect live = new Detect();
        NetflowCollector collector = new NetflowCollector(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(5), live.pipeline::onAttempt);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Process process = null;
        Thread runner = new Thread(() -> {
            try {
                collector.run(new NetflowCollector.Limits(Duration.ofSeconds(60), 0, Duration.ofMillis(50)), null);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "collector");
        try {
            runner.start();
            int port = collector.localAddress().getPort();
            process = new ProcessBuilder(exe.toString(), "-d", "-r", pcap.toString(), "-n", "127.0.0.1:" + port,
                    "-v", Integer.toString(version))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor(SOFTFLOWD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("softflowd finished within %s", SOFTFLOWD_TIMEOUT).isTrue();
            long seen = -1;
            while (collector.datagrams() != seen) { // bounded by the collector's own 60 s limit and the test timeout
                seen = collector.datagrams();
                Thread.sleep(QUIET.toMillis());
            }
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            collector.close();
            runner.join(10_000);
        }
        assertThat(failure.get()).isNull();
        collector.finish();
        assertThat(collector.stats().malformedDatagrams()).isZero();
        assertThat(collector.stats().records()).isPositive();
        assertThat(live.finish()).as("alerts of %s via softflowd v%d", name, version).isEqualTo(expected);
    }
}
