package dev.scanwatch.flink;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job's command line, as docs/FLINK.md gives it. */
class JobOptionsTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedCommandLine() throws IOException {
        Path toml = dir.resolve("scanwatch.toml");
        Files.writeString(toml, "[detector]\nsource_idle = \"10m\"\n[false_positives]\nallow_sources = [\"10.0.9.0/24\"]\n");
        JobOptions o = JobOptions.parse("--bootstrap", "127.0.0.1:9092", "--in-topic", "attempts", "--out-topic",
                "alerts", "--config", toml.toString(), "--parallelism", "2", "--state-backend", "rocksdb",
                "--watermark-delay", "5s");
        assertThat(o.parallelism).isEqualTo(2);
        assertThat(o.watermarkDelay).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.exactlyOnce).isTrue();
        assertThat(o.settings.detectorConfig().sourceIdle()).isEqualTo(Duration.ofMinutes(10));
        Configuration conf = ScanwatchJob.configuration(o);
        assertThat(conf.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void defaultsAndDeliveryWithoutCheckpoints() {
        JobOptions o = JobOptions.parse("--bootstrap", "b:9092");
        assertThat(o.inTopic).isEqualTo("attempts");
        assertThat(o.outTopic).isEqualTo("alerts");
        assertThat(o.watermarkDelay).isEqualTo(Duration.ofSeconds(6));
        assertThat(o.stateCacheBytes).isEqualTo(64L << 20);
        assertThat(JobOptions.parse("--bootstrap", "b", "--state-cache-mb", "256").stateCacheBytes).isEqualTo(256L << 20);
        assertThat(JobOptions.parse("--bootstrap", "b", "--state-cache-mb", "0").stateCacheBytes).isZero();
        assertThat(JobOptions.parse("--bootstrap", "b:9092", "--checkpoint-interval", "0").exactlyOnce).isFalse();
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b:9092", "--checkpoint-interval", "0",
                "--delivery", "exactly-once")).hasMessageContaining("checkpoint");
    }

    @Test
    void badCommandLines() {
        assertThatThrownBy(() -> JobOptions.parse()).hasMessage("--bootstrap is required");
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b", "--state-backend", "memory"))
                .hasMessageContaining("hashmap, rocksdb");
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b", "--watermark-delay", "soon"))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b", "--parallelism", "0"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b", "--state-cache-mb", "-1"))
                .hasMessage("--state-cache-mb must be a number, 0 or more, not '-1'");
        assertThatThrownBy(() -> JobOptions.parse("--bootstrap", "b", "--config", dir.resolve("none.toml").toString()))
                .hasMessageContaining("none.toml");
        Path bad = dir.resolve("bad.toml");
        assertThatThrownBy(() -> {
            Files.writeString(bad, "[detector]\nno_such = 1\n");
            JobOptions.parse("--bootstrap", "b", "--config", bad.toString());
        }).hasMessageContaining("unknown setting detector.no_such").hasMessageContaining("bad.toml");
    }
}
