package dev.scanwatch.cli;

import dev.scanwatch.cli.PublishCommand.AttemptJson;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.io.capture.CaptureBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.scanwatch.io.capture.CaptureBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scanwatch publish} without a broker: its errors and the attempt schema. Publishing to a
 * real broker, and the Flink job reading it, are tested in scanwatch-flink (FlinkJobTest).
 */
class PublishCommandTest {

    @TempDir
    Path dir;

    private Path capture() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        b.tcp("198.51.100.7", 40000, "10.1.0.1", 445, SYN).atNanos(1_780_000_000_000_000_000L);
        Path f = dir.resolve("one.pcap");
        b.writeTo(f);
        return f;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void unresolvableBrokerIsOneLineAndExitOne() throws IOException {
        Run r = Run.of("publish", capture().toString(), "--kafka", "no-such-host.invalid:9092", "--topic", "t");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("scanwatch publish: cannot ").contains("no-such-host.invalid:9092");
        assertThat(r.out()).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void silentBrokerIsOneLineAndExitOne() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        Run r = Run.of("publish", capture().toString(), "--kafka", "127.0.0.1:" + closedPort, "--timeout", "2");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).startsWith("scanwatch publish: cannot reach Kafka at 127.0.0.1:" + closedPort);
    }

    @Test
    void missingBrokerIsAUsageError() throws IOException {
        Run r = Run.of("publish", capture().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--kafka");
    }

    @Test
    void attemptRecordRoundTrips() {
        Attempt a = new Attempt(1_780_000_000_123_456_789L, IpAddress.parse("198.51.100.7"), IpAddress.parse("10.1.0.1"),
                Protocol.TCP, 445, 40000, Technique.SYN, Outcome.FILTERED);
        String json = AttemptJson.encode(a);
        assertThat(json).isEqualTo("{\"time\":1780000000123456789,\"src\":\"198.51.100.7\",\"dst\":\"10.1.0.1\","
                                   + "\"proto\":\"tcp\",\"port\":445,\"sport\":40000,\"technique\":\"syn\","
                                   + "\"outcome\":\"filtered\"}");
        assertThat(AttemptJson.decode(json)).isEqualTo(a);
    }
}
