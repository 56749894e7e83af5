package dev.scanwatch.io.thread;

import dev.scanwatch.io.SharedTraces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.pipeline.Detection;
import dev.scanwatch.core.pipeline.Detectors;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DetectionThreadTest {

    /** Records every call as a line, in order. */
    private static class Recorder implements Detection {
        final List<String> calls = new ArrayList<>();
        boolean finished;

        @Override
        public void onAttempt(Attempt attempt) {
            calls.add("attempt " + attempt);
        }

        @Override
        public void advanceTo(long nanos) {
            calls.add("advance " + nanos);
        }

        @Override
        public void finish() {
            finished = true;
        }

        @Override
        public String describe() {
            return "recorder";
        }
    }

    private static Attempt attempt(int i) {
        Technique technique = Technique.values()[i % Technique.values().length];
        Outcome outcome = Outcome.values()[i % Outcome.values().length];
        Protocol protocol = Protocol.values()[i % Protocol.values().length];
        IpAddress src = i % 2 == 0 ? IpAddress.parse("10.0.0." + (i % 250)) : IpAddress.parse("2001:db8::" + i);
        return new Attempt(1_000L * i, src, IpAddress.parse("192.0.2." + (i % 200)), protocol, i % 65536,
                40_000 + i, technique, outcome);
    }

    @Test
    void replaysEveryCallInOrderAcrossManyBatches() {
        Recorder direct = new Recorder();
        Recorder replayed = new Recorder();
        DetectionThread thread = new DetectionThread(replayed, 3); // many hand-overs, batches wrap round
        for (int i = 0; i < 1000; i++) {
            Attempt a = attempt(i);
            direct.onAttempt(a);
            direct.advanceTo(a.timeNanos());
            if (i % 3 == 0) { // field by field, as the tracker calls it
                thread.onAttempt(a.timeNanos(), a.src().hi(), a.src().lo(), a.dst().hi(), a.dst().lo(), a.protocol(),
                        a.port(), a.srcPort(), a.technique(), a.outcome());
            } else {
                thread.onAttempt(a);
            }
            thread.advanceTo(a.timeNanos());
            thread.advanceTo(a.timeNanos()); // the same instant again is not worth a call
        }
        thread.finish();
        assertThat(replayed.calls).isEqualTo(direct.calls);
        assertThat(replayed.finished).isTrue();
        assertThat(thread.describe()).startsWith("recorder reader_waited_ms=").contains("detectors_waited_ms=");
    }

    @Test
    void flushHandsOverWhatIsBatchedAtOnce() throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(2);
        Recorder replayed = new Recorder() {
            @Override
            public void onAttempt(Attempt attempt) {
                super.onAttempt(attempt);
                seen.countDown();
            }
        };
        DetectionThread thread = new DetectionThread(replayed); // a batch holds thousands of calls
        thread.onAttempt(attempt(1));
        thread.flush();
        thread.flush(); // nothing batched: no empty hand-over
        thread.onAttempt(attempt(2));
        thread.flush();
        assertThat(seen.await(30, TimeUnit.SECONDS)).as("both attempts replayed before finish")
                .isTrue();
        thread.finish();
        thread.flush(); // after the end: nothing to do, no failure
        assertThat(replayed.calls).containsExactly("attempt " + attempt(1), "attempt " + attempt(2));
        assertThat(thread.describe()).endsWith(" early_handovers=2");
    }

    @Test
    void aFailingDetectorIsThrownToTheReaderAndNothingHangs() {
        Detection failing = new Recorder() {
            @Override
            public void onAttempt(Attempt attempt) {
                throw new UncheckedIOException(new IOException("stdout closed"));
            }
        };
        DetectionThread thread = new DetectionThread(failing, 4);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 10_000; i++) {
                    thread.onAttempt(attempt(i));
                }
                thread.finish();
            }).isInstanceOf(UncheckedIOException.class).hasMessageContaining("stdout closed");
        });
    }

    @Test
    void finishRethrowsAFailureOfTheLastBatch() {
        Detection failing = new Recorder() {
            @Override
            public void finish() {
                throw new IllegalStateException("sink full");
            }
        };
        DetectionThread thread = new DetectionThread(failing);
        thread.onAttempt(attempt(1));
        assertThatThrownBy(thread::finish).isInstanceOf(IllegalStateException.class).hasMessage("sink full");
    }

    static Stream<Path> captures() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(Path.of("..", "samples"))) {
            samples.filter(p -> p.toString().matches(".*\\.pcap(\\.gz)?")).forEach(files::add);
        }
        Path shared = SharedTraces.find();
        Path loopback = shared == null ? null : shared.resolve("loopback");
        if (loopback != null && Files.isDirectory(loopback)) {
            try (Stream<Path> traces = Files.list(loopback)) {
                traces.filter(p -> p.toString().endsWith(".pcap")).forEach(files::add);
            }
        }
        return files.stream().sorted();
    }

    /** The whole point: the same alerts, events and order as on one thread, at any batch size. */
    @ParameterizedTest
    @MethodSource("captures")
    void givesTheAlertsOfOneThread(Path capture) throws IOException {
        List<Alert> oneThread = analyze(capture, 0);
        assertThat(analyze(capture, 1)).isEqualTo(oneThread);
        assertThat(analyze(capture, 7)).isEqualTo(oneThread);
        assertThat(analyze(capture, DetectionThread.DEFAULT_BATCH)).isEqualTo(oneThread);
    }

    /** Every alert event (open, escalations, close) of {@code capture}; batch 0 means no thread. */
    private static List<Alert> analyze(Path capture, int batch) throws IOException {
        List<Alert> events = new ArrayList<>();
        Detectors detectors = new Detectors(DetectorConfig.defaults(), events::add);
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(),
                batch == 0 ? detectors : new DetectionThread(detectors, batch));
        InputReader.Result result = InputReader.read(capture, null, pipeline::onPacket, pipeline::onAttempt);
        assertThat(result.problem()).isNull();
        pipeline.finish();
        return events;
    }
}
