package dev.scanwatch.bench.throughput;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.pipeline.Detection;
import dev.scanwatch.core.pipeline.Detectors;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;
import dev.scanwatch.io.thread.DetectionThread;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scanwatch analyze FILE} in this JVM, through the classes the CLI uses (InputReader,
 * then Pipeline with the default configurations), with alerts counted instead of printed.
 *
 * @param packets       frames read
 * @param nanos         reading and analysing, then {@code finish()}; the heap census in between is not counted
 * @param retainedBytes heap still reachable at the end of the input, before {@code finish()}: the tracked state
 */
record AnalyzeRun(long packets, long nanos, long alerts, long suppressed, long peakHeapBytes, long peakRssBytes,
                  long retainedBytes, boolean rssReset) {

    /** The line a child JVM prints, parsed back by {@link #parse}. */
    static final String RESULT_PREFIX = "ANALYZE-RESULT ";

    /** With the CLI's default for this machine (see {@link #detectionThread()}). */
    static AnalyzeRun run(Path file) throws IOException {
        return run(file, detectionThread());
    }

    /** @param twoThreads detection on a thread of its own ({@code analyze --threads 2}) */
    static AnalyzeRun run(Path file, boolean twoThreads) throws IOException {
        boolean reset = ProcessMemory.resetPeaks();
        AlertCounter alerts = new AlertCounter();
        long start = System.nanoTime();
        Detection detectors = new Detectors(DetectorConfig.defaults(), alerts);
        // As the CLI decides for files: detection on a thread of its own when there is a second CPU.
        DetectionThread thread = twoThreads ? new DetectionThread(detectors) : null;
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), thread != null ? thread : detectors);
        InputReader.Result result = InputReader.read(file, null, pipeline::onPacket, pipeline::onAttempt);
        if (thread != null) {
            thread.drain(); // the census below must not run beside detection still in flight
        }
        long read = System.nanoTime() - start;
        if (result.problem() != null) {
            throw new IOException(result.problem().describe());
        }
        long peakHeap = ProcessMemory.peakHeap(); // before the census, whose collections are not the run's
        long retained = ProcessMemory.retainedHeap();
        long finishStart = System.nanoTime();
        pipeline.finish();
        long nanos = read + System.nanoTime() - finishStart;
        if (Boolean.getBoolean("scanwatch.bench.describe")) { // which half waited for the other
            System.err.println("detector: " + pipeline.describeDetector());
        }
        return new AnalyzeRun(result.count(), nanos, alerts.printed, alerts.suppressed,
                Math.max(peakHeap, ProcessMemory.peakHeap()), ProcessMemory.peakRss(), retained, reset);
    }

    /** {@code -Dscanwatch.bench.threads=1|2} overrides the CLI's default, to compare the two. */
    static boolean detectionThread() {
        String threads = System.getProperty("scanwatch.bench.threads");
        return threads == null ? DetectionThread.worthwhile() : threads.equals("2");
    }

    double seconds() {
        return nanos / 1e9;
    }

    double packetsPerSecond() {
        return packets / seconds();
    }

    String toLine() {
        return RESULT_PREFIX + String.format(Locale.ROOT, "%d %d %d %d %d %d %d %b", packets, nanos, alerts,
                suppressed, peakHeapBytes, peakRssBytes, retainedBytes, rssReset);
    }

    static AnalyzeRun parse(String line) {
        String[] f = line.substring(RESULT_PREFIX.length()).trim().split(" ");
        return new AnalyzeRun(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), Boolean.parseBoolean(f[7]));
    }
}
