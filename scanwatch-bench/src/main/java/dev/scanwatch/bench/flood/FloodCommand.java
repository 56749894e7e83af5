package dev.scanwatch.bench.flood;

import dev.scanwatch.bench.LauncherOptions;
import dev.scanwatch.bench.capture.CaptureFormat;
import dev.scanwatch.bench.capture.FloodCapture;
import dev.scanwatch.bench.capture.TraceLoader;
import dev.scanwatch.bench.throughput.ThroughputCommand;
import dev.scanwatch.core.memory.MemoryBudget;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code flood [--sources 10M] [--shape syn] [--max-memory 512m] [--out FILE] [--keep] ...}: writes a
 * spoofed flood with a real nmap sweep inside ({@link FloodCapture}; by default unanswered SYNs,
 * {@code --shape} picks another {@link FloodCapture.Shape}; {@code --ipv6} spoofs IPv6 sources
 * at IPv6 victims), then runs the real CLI,
 * {@code scanwatch analyze --json --stats --max-memory CAP FILE}, in a fresh JVM of the shaded
 * CLI jar, and checks the cap from outside: peak RSS (VmHWM) within cap + allowance, and the
 * sweep's scanner alerted as a port sweep of (about) all its targets. Exits 1 when either fails.
 *
 * <p>The child's heap is {@code -Xmx} = cap + allowance - non-heap reserve (by default
 * 512 + 256 - 96 = 672 MiB): the allowance is the JVM's room beyond the accounted state (the
 * estimates' error, garbage between collections, metaspace, code cache, thread stacks, the
 * collector's own tables). The non-heap reserve is measured, under Serial: Native Memory Tracking
 * on the 10 M flood counts 35 MiB committed outside the heap, and the JVM's and libc's mapped code
 * adds about 28 MiB more to RSS, 63 MiB in all; with the heap fully committed, a 64 MiB reserve
 * left 1-2 MiB of margin.
 *
 * <p>The child runs as {@code ./scanwatch} runs the CLI: Parallel, and the launcher's JIT options
 * ({@link LauncherOptions}). {@code --gc serial} has the smallest tables of its own beside the
 * heap (though in the 10 M runs Parallel kept less heap committed); {@code --gc g1} and
 * {@code --gc default} (the JVM's choice, G1 on two CPUs) brought two 10 M runs to 758 and
 * 770 MiB against the 768 MiB limit (docs/PERFORMANCE.md, "Other floods, other collectors").
 */
public final class FloodCommand {

    static final long DEFAULT_SOURCES = 10_000_000L;
    static final long DEFAULT_RATE = 500_000L;
    static final long DEFAULT_ALLOWANCE = 256L << 20;
    static final long DEFAULT_NON_HEAP = 96L << 20;
    static final long DEFAULT_TIMEOUT_SECONDS = 900;
    /** The sweep must be one portsweep alert with at least this share of its targets. */
    static final double MIN_TARGET_SHARE = 0.95;
    private static final double MIB = 1024.0 * 1024.0;
    private static final long POLL_MILLIS = 100;
    private static final String USAGE = "usage: flood [--sources N] [--shape " + FloodCapture.Shape.optionNames() + "] [--ipv6] "
            + "[--max-memory SIZE] [--out FILE] [--keep] [--rate PPS] [--sweep-at FRACTION] [--allowance SIZE] "
            + "[--non-heap SIZE] [--gc " + Collector.optionNames() + "] "
            + "[--cli-jar JAR] [--histogram SECONDS] [--timeout SECONDS] [--no-run]";

    private long sources = DEFAULT_SOURCES;
    private FloodCapture.Shape shape = FloodCapture.Shape.SYN;
    private boolean ipv6;
    private MemoryBudget cap = MemoryBudget.DEFAULT;
    private Path out;
    private boolean keep;
    private long rate = DEFAULT_RATE;
    private double sweepAt = 0.5;
    private long allowance = DEFAULT_ALLOWANCE;
    private long nonHeap = DEFAULT_NON_HEAP;
    private Collector collector = Collector.PARALLEL;
    private Path cliJar = Path.of("scanwatch-cli", "target", "scanwatch.jar");
    private long histogramEvery;
    private long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private boolean run = true;
    private final PrintStream log;

    private FloodCommand(PrintStream log) {
        this.log = log;
    }

    public static int main(String[] args, PrintStream log) throws IOException, InterruptedException {
        FloodCommand c = new FloodCommand(log);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sources" -> c.sources = ThroughputCommand.parseCount(args[++i]);
                    case "--shape" -> c.shape = FloodCapture.Shape.parse(args[++i]);
                    case "--ipv6" -> c.ipv6 = true;
                    case "--max-memory" -> c.cap = MemoryBudget.parse(args[++i]);
                    case "--out" -> c.out = Path.of(args[++i]);
                    case "--keep" -> c.keep = true;
                    case "--rate" -> c.rate = ThroughputCommand.parseCount(args[++i]);
                    case "--sweep-at" -> c.sweepAt = Double.parseDouble(args[++i]);
                    case "--allowance" -> c.allowance = MemoryBudget.parse(args[++i]).bytes();
                    case "--non-heap" -> c.nonHeap = MemoryBudget.parse(args[++i]).bytes();
                    case "--gc" -> c.collector = Collector.parse(args[++i]);
                    case "--cli-jar" -> c.cliJar = Path.of(args[++i]);
                    case "--histogram" -> c.histogramEvery = Long.parseLong(args[++i]);
                    case "--timeout" -> c.timeoutSeconds = Long.parseLong(args[++i]);
                    case "--no-run" -> c.run = false;
                    default -> {
                        log.println("flood: unknown option " + args[i]);
                        log.println(USAGE);
                        return 2;
                    }
                }
            }
        } catch (RuntimeException e) {
            log.println("flood: " + e.getMessage());
            log.println(USAGE);
            return 2;
        }
        return c.execute();
    }

    private int execute() throws IOException, InterruptedException {
        if (run && !Files.isRegularFile(cliJar)) {
            log.println("flood: " + cliJar + " not found; build it: mvn -q -B -DskipTests package -pl scanwatch-cli -am");
            return 2;
        }
        Path file = out != null ? out : Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")),
                "scanwatch-flood-", CaptureFormat.PCAP.suffix());
        Path alerts = Path.of(file + ".alerts.jsonl");
        Path stderr = Path.of(file + ".stderr.txt");
        try {
            FloodCapture.Summary s = generate(file);
            if (!run) {
                return 0;
            }
            return analyze(file, s, alerts, stderr);
        } finally {
            if (keep) {
                log.println("kept " + file + ", " + alerts + ", " + stderr);
            } else {
                Files.deleteIfExists(file);
                Files.deleteIfExists(alerts);
                Files.deleteIfExists(stderr);
            }
        }
    }

    private FloodCapture.Summary generate(Path file) throws IOException {
        long start = System.nanoTime();
        FloodCapture capture = new FloodCapture(sources, shape, ipv6, rate, sweepAt,
                FloodCapture.loadSweep(TraceLoader.sharedDirectory()));
        FloodCapture.Summary s = capture.writeFile(file);
        log.printf(Locale.ROOT, "capture: %s, %,d packets (%,d flood packets from %,d distinct sources at %,d/s: %s; "
                                + "%d sweep packets from %s to %d targets, starting %.1f s in), %.1f MiB, %.1f s of "
                                + "traffic; written in %.1f s%n",
                file, s.packets(), s.floodPackets(), sources, rate,
                (ipv6 ? "IPv6, " : "") + shape.description(), s.sweepPackets(),
                s.sweepScanner(), s.sweepTargets(),
                (s.sweepStartNanos() - s.firstNanos()) / 1e9, Files.size(file) / MIB, s.seconds(),
                (System.nanoTime() - start) / 1e9);
        return s;
    }

    private int analyze(Path file, FloodCapture.Summary s, Path alertsFile, Path stderrFile)
            throws IOException, InterruptedException {
        long heap = cap.bytes() + allowance - nonHeap;
        long rssLimit = cap.bytes() + allowance;
        Path time = Path.of("/usr/bin/time");
        boolean timeV = Files.isExecutable(time);
        List<String> cmd = new ArrayList<>();
        if (timeV) {
            cmd.add(time.toString());
            cmd.add("-v");
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + (heap >> 20) + "m");
        if (collector.flag != null) {
            cmd.add(collector.flag);
        }
        cmd.addAll(LauncherOptions.compilation()); // the rest of what ./scanwatch gives the CLI
        cmd.add("-XX:+ExitOnOutOfMemoryError");
        cmd.add("-cp");
        cmd.add(cliJar.toString());
        cmd.add(mainClass(cliJar));
        cmd.addAll(List.of("analyze", "--json", "--stats", "--no-progress", "--max-memory", cap.toString(),
                file.toString()));
        log.println("child: " + String.join(" ", cmd));
        log.printf(Locale.ROOT, "limits: cap %s, JVM allowance %.0f MiB (heap -Xmx%dm = cap + %.0f MiB; %.0f MiB "
                                + "for non-heap), peak RSS limit %.0f MiB%n",
                cap, allowance / MIB, heap >> 20, (allowance - nonHeap) / MIB, nonHeap / MIB, rssLimit / MIB);

        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(alertsFile.toFile()).redirectError(stderrFile.toFile()).start();
        long javaPid = timeV ? -1 : p.pid();
        long peakHwm = 0;
        long nextHistogram = histogramEvery > 0 ? start + TimeUnit.SECONDS.toNanos(histogramEvery) : Long.MAX_VALUE;
        long nextTimeline = start + TimeUnit.SECONDS.toNanos(10);
        String lastHistogram = null;
        boolean timedOut = false;
        while (!p.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (javaPid < 0) {
                javaPid = onlyChild(p.pid());
            }
            long now = System.nanoTime();
            if (javaPid > 0) {
                peakHwm = Math.max(peakHwm, statusKib(javaPid, "VmHWM:") * 1024);
                if (now >= nextTimeline) {
                    log.printf(Locale.ROOT, "  %5.0f s: RSS %.0f MiB, peak %.0f MiB%n", (now - start) / 1e9,
                            statusKib(javaPid, "VmRSS:") * 1024 / MIB, peakHwm / MIB);
                    nextTimeline += TimeUnit.SECONDS.toNanos(10);
                }
                if (now >= nextHistogram) {
                    String h = histogram(javaPid);
                    if (h != null) {
                        lastHistogram = h;
                        log.printf(Locale.ROOT, "  %5.0f s: class histogram taken (a full GC)%n", (now - start) / 1e9);
                    }
                    nextHistogram = System.nanoTime() + TimeUnit.SECONDS.toNanos(histogramEvery);
                }
            }
            if (now - start > TimeUnit.SECONDS.toNanos(timeoutSeconds)) {
                timedOut = true;
                if (histogramEvery > 0 && javaPid > 0) {
                    String h = histogram(javaPid);
                    lastHistogram = h != null ? h : lastHistogram;
                }
                p.destroyForcibly();
                if (javaPid > 0) {
                    ProcessHandle.of(javaPid).ifPresent(ProcessHandle::destroyForcibly);
                }
                p.waitFor();
                break;
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        int exit = p.exitValue();
        String err = Files.readString(stderrFile, StandardCharsets.UTF_8);
        long timeRss = timeV ? timeMaxRssKib(err) * 1024 : -1;
        long peakRss = Math.max(peakHwm, timeRss);
        return report(s, exit, timedOut, wall, peakRss, timeRss >= 0, rssLimit, err, alertsFile, lastHistogram);
    }

    private int report(FloodCapture.Summary s, int exit, boolean timedOut, double wall, long peakRss, boolean exactRss,
                       long rssLimit, String err, Path alertsFile, String histogram) throws IOException {
        log.println();
        if (timedOut) {
            log.printf(Locale.ROOT, "analysis: TIMED OUT after %.0f s (--timeout %d)%n", wall, timeoutSeconds);
        }
        log.printf(Locale.ROOT, "analysis: exit %d, wall %.1f s (JVM start included), %,.0f packets/s%n", exit, wall,
                s.packets() / wall);
        log.printf(Locale.ROOT, "peak RSS: %.0f MiB (%s), limit %.0f MiB: %s%n", peakRss / MIB,
                exactRss ? "/usr/bin/time -v maximum resident set size" : "VmHWM polled every 100 ms",
                rssLimit / MIB, peakRss <= rssLimit ? "within" : "OVER");
        Map<String, String> counters = counters(err);
        log.println("counters (--stats): " + counters);
        for (String line : err.split("\n")) {
            if (line.contains("OutOfMemoryError") || line.contains("Exception") || line.startsWith("scanwatch analyze")) {
                log.println("child stderr: " + line);
            }
        }
        SweepVerdict v = sweepVerdict(alertsFile, s.sweepScanner());
        log.println("alerts: " + v.byKind + " (closed alerts, as written by default)");
        log.printf(Locale.ROOT, "sweep scanner %s: %s%n", s.sweepScanner(), v.ofScanner.isEmpty() ? "NO ALERT"
                : String.join("; ", v.ofScanner));
        boolean sweepOk = v.bestSweepTargets >= MIN_TARGET_SHARE * s.sweepTargets();
        boolean rssOk = peakRss > 0 && peakRss <= rssLimit;
        if (histogram != null) {
            log.println("last class histogram of the child (jcmd GC.class_histogram, top 15):");
            histogram.lines().limit(18).forEach(l -> log.println("  " + l));
        }
        log.println();
        log.printf(Locale.ROOT, "verdict: sweep %s (best portsweep alert: %d of %d targets), RSS %s, analysis %s%n",
                sweepOk ? "ALERTED" : "NOT ALERTED", v.bestSweepTargets, s.sweepTargets(),
                rssOk ? "within the limit" : "OVER THE LIMIT (or unknown)",
                exit == 0 && !timedOut ? "completed" : "FAILED");
        return sweepOk && rssOk && exit == 0 && !timedOut ? 0 : 1;
    }

    /**
     * The child JVM's garbage collector, each adding its own tables to the RSS beside the heap;
     * PARALLEL by default, as in the launcher.
     */
    public enum Collector {
        PARALLEL(LauncherOptions.GC),
        SERIAL("-XX:+UseSerialGC"),
        G1("-XX:+UseG1GC"),
        /** The JVM's own choice for the machine. */
        DEFAULT(null);

        final String flag;

        Collector(String flag) {
            this.flag = flag;
        }

        static Collector parse(String name) {
            for (Collector c : values()) {
                if (c.name().equalsIgnoreCase(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("unknown collector: " + name + " (" + optionNames() + ")");
        }

        /** Every collector's option name, for a usage line: {@code parallel|serial|...}. */
        public static String optionNames() {
            return Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("|"));
        }
    }

    private record SweepVerdict(Map<String, Integer> byKind, List<String> ofScanner, int bestSweepTargets) {
    }

    private static final Pattern KIND = Pattern.compile("\"kind\":\"([a-z]+)\"");
    private static final Pattern TARGETS = Pattern.compile("\"targets\":(\\d+)");
    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\":(\\d+)");

    static SweepVerdict sweepVerdict(Path alertsFile, String scanner) throws IOException {
        Map<String, Integer> byKind = new TreeMap<>();
        List<String> ofScanner = new ArrayList<>();
        int best = 0;
        String srcField = "\"src\":\"" + scanner + "\"";
        try (BufferedReader r = Files.newBufferedReader(alertsFile, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("{")) {
                    ofScanner.add("(not an alert on stdout: " + line.strip() + ")"); // the JVM's own OOM message
                    continue;
                }
                String kind = group(KIND, line);
                byKind.merge(kind == null ? "?" : kind, 1, Integer::sum);
                if (line.contains(srcField)) {
                    int targets = Integer.parseInt(group(TARGETS, line));
                    ofScanner.add(kind + " targets=" + targets + " attempts=" + group(ATTEMPTS, line));
                    if ("portsweep".equals(kind)) {
                        best = Math.max(best, targets);
                    }
                }
            }
        }
        return new SweepVerdict(byKind, ofScanner, best);
    }

    private static String group(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    /** The key=value counters of the "scanwatch: tracker:" and "scanwatch: detector:" lines. */
    static Map<String, String> counters(String stderr) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : stderr.split("\n")) {
            String prefix = line.startsWith("scanwatch: tracker: ") ? "tracker."
                    : line.startsWith("scanwatch: detector: ") ? "detector." : null;
            if (prefix == null) {
                continue;
            }
            for (String kv : line.substring(line.indexOf(':', "scanwatch:".length()) + 1).trim().split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    out.put(prefix + kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return out;
    }

    private static String mainClass(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            String main = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Main-Class");
            if (main == null) {
                throw new IOException(jar + " has no Main-Class");
            }
            return main;
        }
    }

    /** The one child of a process (java under /usr/bin/time), or -1 while it has none. */
    private static long onlyChild(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.children().findFirst()).map(ProcessHandle::pid).orElse(-1L);
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    private static final Pattern TIME_MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    private static long timeMaxRssKib(String stderr) {
        String g = group(TIME_MAX_RSS, stderr);
        return g == null ? -1 : Long.parseLong(g);
    }

    /** {@code jcmd PID GC.class_histogram} (it runs a full GC first), or null when jcmd fails. */
    private static String histogram(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process h = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String text = new String(h.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return h.waitFor() == 0 ? text : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
