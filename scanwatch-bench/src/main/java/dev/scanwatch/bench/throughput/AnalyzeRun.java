package dev.scanwatch.bench.throughput;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;

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

    static AnalyzeRun run(Path file) throws IOException {
        boolean reset = ProcessMemory.resetPeaks();
        AlertCounter alerts = new AlertCounter();
        long start = System.nanoTime();
        Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), DetectorConfig.defaults(), alerts);
        InputReader.Result result = InputReader.read(file, null, pipeline::onPacket, pipeline::onAttempt);
        long read = System.nanoTime() - start;
        if (result.problem() != null) {
            throw new IOException(result.problem().describe());
        }
        long peakHeap = ProcessMemory.peakHeap(); // before the census, whose collections are not the run's
        long retained = ProcessMemory.retainedHeap();
        long finishStart = System.nanoTime();
        pipeline.finish();
        long nanos = read + System.nanoTime() - finishStart;
        return new AnalyzeRun(result.count(), nanos, alerts.printed, alerts.suppressed,
                Math.max(peakHeap, ProcessMemory.peakHeap()), ProcessMemory.peakRss(), retained, reset);
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
