package dev.scanwatch.bench.throughput;

import dev.scanwatch.bench.capture.BaseTrace;
import dev.scanwatch.bench.capture.CaptureFormat;
import dev.scanwatch.bench.capture.CaptureGenerator;
import dev.scanwatch.bench.capture.TraceLoader;
import dev.scanwatch.io.thread.DetectionThread;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code throughput [--packets N] [--format pcap|pcapng] [--out FILE] [--keep] [--reps K] [--warmup K]
 * [--overlap K] [--no-taskset]}: builds a large capture, then times {@code tcpdump -r FILE -w /dev/null} and scanwatch's analysis of the
 * same file, alternating, and prints the medians and their ratio. tcpdump is the yardstick because
 * it is the cheapest useful thing anyone does with a capture: read every record.
 *
 * <p>The in-process rows are the warm figures: the first analyses in this JVM are JIT warm-up
 * (the first took 1.45 s where the third took 0.97), so {@code --warmup} of them are run and
 * printed but left out of the medians, as JMH leaves out its warm-up iterations. What a cold start
 * costs is what the fresh-JVM rows measure.
 */
public final class ThroughputCommand {

    static final long DEFAULT_PACKETS = 20_000_000L;
    static final int DEFAULT_REPETITIONS = 3;
    /** In-process analyses before the timed ones: two bring a 10 M packet run to its warm time. */
    static final int DEFAULT_WARMUP = 2;
    static final String ONE_CORE = "0";
    private static final double MIB = 1024.0 * 1024.0;

    static final String USAGE = "usage: throughput [--packets N] [--format " + CaptureFormat.optionNames()
                                + "] [--out FILE] [--keep] [--reps K] [--warmup K] [--overlap K] [--no-taskset]";

    private long packets = DEFAULT_PACKETS;
    /** pcapng times the reader of what Wireshark writes; tcpdump reads both. */
    private CaptureFormat format = CaptureFormat.PCAP;
    private Path out;
    private boolean keep;
    private int reps = DEFAULT_REPETITIONS;
    private int warmup = DEFAULT_WARMUP;
    private int overlap = CaptureGenerator.DEFAULT_OVERLAP;
    private boolean oneCore = true;
    private final PrintStream log;

    private ThroughputCommand(PrintStream log) {
        this.log = log;
    }

    public static int main(String[] args, PrintStream log) throws IOException, InterruptedException {
        ThroughputCommand c = new ThroughputCommand(log);
        String option = null;
        try {
            for (int i = 0; i < args.length; i++) {
                option = args[i];
                switch (option) {
                    case "--packets" -> c.packets = parseCount(args[++i]);
                    case "--format" -> {
                        String name = args[++i];
                        c.format = CaptureFormat.ofOption(name);
                        if (c.format == null) {
                            log.println("throughput: --format is pcap or pcapng, not " + name);
                            return 2;
                        }
                    }
                    case "--out" -> c.out = Path.of(args[++i]);
                    case "--keep" -> c.keep = true;
                    case "--reps" -> c.reps = Integer.parseInt(args[++i]);
                    case "--warmup" -> c.warmup = Integer.parseInt(args[++i]);
                    case "--overlap" -> c.overlap = Integer.parseInt(args[++i]);
                    case "--no-taskset" -> c.oneCore = false;
                    default -> {
                        log.println("throughput: unknown option " + option);
                        log.println(USAGE);
                        return 2;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            log.println("throughput: " + option + " needs a value");
            return 2;
        } catch (NumberFormatException e) {
            log.println("throughput: " + option + " needs a whole number (" + e.getMessage() + ")");
            return 2;
        }
        if (c.reps < 1 || c.warmup < 0 || c.packets < 1 || c.overlap < 1) {
            log.println("throughput: --reps, --packets and --overlap must be at least 1, --warmup at least 0");
            return 2;
        }
        return c.run();
    }

    /** 2000000, 2_000_000, 2M and 2m all mean two million. */
    public static long parseCount(String s) {
        String t = s.replace("_", "").toLowerCase(Locale.ROOT);
        long scale = 1;
        if (t.endsWith("m")) {
            scale = 1_000_000L;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("k")) {
            scale = 1_000L;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * scale;
    }

    private int run() throws IOException, InterruptedException {
        Path file = out != null ? out : Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")),
                "scanwatch-throughput-", format.suffix());
        try {
            generate(file);
            measure(file);
        } finally {
            if (keep) {
                log.println("kept " + file);
            } else {
                Files.deleteIfExists(file);
            }
        }
        return 0;
    }

    private void generate(Path file) throws IOException {
        long start = System.nanoTime();
        BaseTrace base = BaseTrace.load(TraceLoader.sharedDirectory(), BaseTrace.DEFAULT_BACKGROUND_RATIO);
        CaptureGenerator.Summary s = new CaptureGenerator(base, overlap).writeFile(file, packets, format);
        double secs = (System.nanoTime() - start) / 1e9;
        log.printf(Locale.ROOT, "capture: %s (%s), %,d packets, %.1f MiB, %.0f s of traffic, %d repetitions of %,d packets "
                                + "(%s + synthetic background), overlap %d, %d addresses each; written in %.1f s%n",
                file, format.optionName(), s.packets(), Files.size(file) / MIB, s.seconds(), s.repetitions(), s.basePackets(),
                s.fromSharedTraces() ? "shared loopback traces" : "synthetic scans (no shared traces)",
                overlap, s.addressesPerRepetition(), secs);
    }

    private void measure(Path file) throws IOException, InterruptedException {
        // The JDK decides much of a fresh run (docs/PERFORMANCE.md, "A JVM that starts warm"); the
        // children get this JVM and its options, so an -XX:AOTCache given here reaches them too.
        log.printf(Locale.ROOT, "jvm: %s %s, options %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        Path tcpdump = ExternalCommands.find("tcpdump");
        Path taskset = oneCore ? ExternalCommands.find("taskset") : null;
        if (tcpdump == null) {
            log.println("tcpdump: not installed (apt-get install -y tcpdump); no ratio");
        }
        List<Long> tcpdumpNanos = new ArrayList<>();
        List<AnalyzeRun> inProcess = new ArrayList<>();
        List<AnalyzeRun> oneThread = new ArrayList<>();
        boolean twoCpus = DetectionThread.worthwhile();
        // The first runs warm the JIT up; they are printed, and left out of the medians.
        for (int i = 0; i < warmup + reps; i++) {
            boolean counted = i >= warmup;
            String label = counted ? "rep " + (i - warmup + 1) : "warm-up " + (i + 1);
            if (counted && tcpdump != null) {
                tcpdumpNanos.add(ExternalCommands.timeTcpdump(tcpdump, file));
                log.printf(Locale.ROOT, "  %s tcpdump   %.2f s%n", label, last(tcpdumpNanos) / 1e9);
            }
            AnalyzeRun one = AnalyzeRun.run(file, false);
            AnalyzeRun two = twoCpus ? AnalyzeRun.run(file, true) : null;
            if (counted) {
                oneThread.add(one);
                if (two != null) {
                    inProcess.add(two);
                }
            }
            log.printf(Locale.ROOT, "  %s scanwatch %.2f s (in process, 1 thread)%s%s%n", label, one.seconds(),
                    two == null ? "" : String.format(Locale.ROOT, ", %.2f s (2 threads)", two.seconds()),
                    counted ? "" : "; not counted");
        }
        List<AnalyzeRun> pinned = new ArrayList<>();
        List<AnalyzeRun> fresh = new ArrayList<>();
        if (oneCore && taskset == null) {
            log.println("taskset: not installed; no one-core figure");
        } else if (oneCore) {
            for (int i = 0; i < reps; i++) {
                fresh.add(ExternalCommands.analyzeInChild(null, null, file));
                pinned.add(ExternalCommands.analyzeInChild(taskset, ONE_CORE, file));
                log.printf(Locale.ROOT, "  rep %d fresh JVM %.2f s (all cores), %.2f s (taskset -c 0)%n", i + 1,
                        last(fresh).seconds(), last(pinned).seconds());
            }
        }
        report(tcpdumpNanos, oneThread, inProcess.isEmpty() ? oneThread : inProcess, fresh, pinned);
    }

    /** @param inProcess the runs as the CLI would make them here (two threads given two CPUs) */
    private void report(List<Long> tcpdumpNanos, List<AnalyzeRun> oneThread, List<AnalyzeRun> inProcess,
                        List<AnalyzeRun> fresh, List<AnalyzeRun> pinned) {
        AnalyzeRun mid = median(inProcess);
        log.println();
        log.printf(Locale.ROOT, "%-41s %12s %9s %12s %8s%n", "run (median of " + oneThread.size() + ")", "packets",
                "seconds", "packets/s", "vs tcpdump");
        double tcpdumpSeconds = Double.NaN;
        if (!tcpdumpNanos.isEmpty()) {
            tcpdumpSeconds = medianLong(tcpdumpNanos) / 1e9;
            row("tcpdump -r FILE -w /dev/null", mid.packets(), tcpdumpSeconds, tcpdumpSeconds);
        }
        String warm = warmup > 0 ? " (warm)" : "";
        row("scanwatch in process, 1 thread" + warm, mid.packets(), median(oneThread).seconds(), tcpdumpSeconds);
        if (inProcess != oneThread) {
            row("scanwatch in process, 2 threads" + warm, mid.packets(), mid.seconds(), tcpdumpSeconds);
        }
        if (!fresh.isEmpty()) {
            row("scanwatch fresh JVM, all cores", mid.packets(), median(fresh).seconds(), tcpdumpSeconds);
            row("scanwatch fresh JVM, taskset -c 0", mid.packets(), median(pinned).seconds(), tcpdumpSeconds);
        }
        log.println();
        log.printf(Locale.ROOT, "alerts: %d printed, %d held back by false-positive exits%n", mid.alerts(), mid.suppressed());
        log.printf(Locale.ROOT, "memory (in process, median run, in a heap the runs before it have sized): peak heap <= %.0f MiB "
                                + "(sum of pool peaks), "
                                + "retained at end of input %.0f MiB, peak RSS %.0f MiB%s%n",
                mid.peakHeapBytes() / MIB, mid.retainedBytes() / MIB, mid.peakRssBytes() / MIB,
                mid.rssReset() ? "" : " (VmHWM could not be reset: includes the generator)");
        if (!fresh.isEmpty()) {
            log.printf(Locale.ROOT, "memory (fresh JVM, all cores): peak heap <= %.0f MiB, peak RSS %.0f MiB; "
                                    + "(taskset -c 0): peak heap <= %.0f MiB, peak RSS %.0f MiB%n",
                    median(fresh).peakHeapBytes() / MIB, median(fresh).peakRssBytes() / MIB,
                    median(pinned).peakHeapBytes() / MIB, median(pinned).peakRssBytes() / MIB);
        }
    }

    private void row(String what, long n, double seconds, double tcpdumpSeconds) {
        String ratio = Double.isNaN(tcpdumpSeconds) ? "-" : String.format(Locale.ROOT, "%.2fx", seconds / tcpdumpSeconds);
        log.printf(Locale.ROOT, "%-41s %,12d %9.2f %,12.0f %8s%n", what, n, seconds, n / seconds, ratio);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    /** The run with the median time (the upper median for an even count). */
    static AnalyzeRun median(List<AnalyzeRun> runs) {
        List<AnalyzeRun> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        return sorted.get(sorted.size() / 2);
    }

    static long medianLong(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
