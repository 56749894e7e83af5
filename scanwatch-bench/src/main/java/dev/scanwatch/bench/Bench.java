package dev.scanwatch.bench;

import dev.scanwatch.bench.capture.BaseTrace;
import dev.scanwatch.bench.capture.CaptureFormat;
import dev.scanwatch.bench.capture.CaptureGenerator;
import dev.scanwatch.bench.capture.FloodCapture;
import dev.scanwatch.bench.capture.TraceLoader;
import dev.scanwatch.bench.cost.CostModel;
import dev.scanwatch.bench.flood.FloodCommand;
import dev.scanwatch.bench.throughput.ThroughputCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The bench jar's commands. {@code jmh} hands the rest of the line to JMH's own runner, so every
 * JMH option works ({@code -prof gc}, {@code -f}, {@code -wi}, a benchmark regex...).
 */
public final class Bench {

    private static final String USAGE = String.join("\n",
            "usage: java -jar scanwatch-bench.jar COMMAND [options]",
            "  throughput [--packets N] [--format " + CaptureFormat.optionNames() + "] [--out FILE] [--keep] [--reps K] [--warmup K] [--overlap K]",
            "             [--no-taskset]   build a large capture, time tcpdump and scanwatch on it (default 20M packets, pcap)",
            "  flood [--sources 10M] [--shape " + FloodCapture.Shape.optionNames() + "] [--ipv6] [--max-memory 512m]",
            "        [--out FILE] [--keep] [--rate PPS] [--gc " + FloodCommand.Collector.optionNames() + "] ...",
            "                  spoofed flood with a real sweep inside, analysed by the CLI jar in a fresh JVM:",
            "                  peak RSS within cap + allowance, sweep alerted (exit 1 otherwise)",
            "  costmodel [--entries N]   retained heap bytes per tracked source, (source, port), pending probe",
            "  generate --out FILE [--packets N] [--overlap K] [--format " + CaptureFormat.optionNames() + "]   only write the capture",
            "  analyze FILE              one in-process analysis, one result line (used by throughput)",
            "  jmh [JMH options]         the micro-benchmarks, e.g. jmh -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc");

    /** {@code jmh} ends the JVM itself when its runs are done; main must not exit before. */
    private static final int JMH_EXITS_ON_ITS_OWN = -1;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        int exit;
        try {
            exit = run(args[0], rest);
        } catch (IOException | UncheckedIOException | InvalidPathException e) {
            // A file that cannot be written or read is the user's to fix: say which and why, no stack trace.
            System.err.println("scanwatch-bench " + args[0] + ": " + describe(e));
            exit = 1;
        }
        if (exit == JMH_EXITS_ON_ITS_OWN) {
            return;
        }
        System.exit(exit);
    }

    private static int run(String command, String[] rest) throws Exception {
        switch (command) {
            case "throughput":
                return ThroughputCommand.main(rest, System.out);
            case "costmodel":
                return CostModel.main(rest, System.out);
            case "flood":
                return FloodCommand.main(rest, System.out);
            case "generate":
                return generate(rest, System.err);
            case "analyze":
                return analyze(rest);
            case "jmh":
                org.openjdk.jmh.Main.main(rest);
                return JMH_EXITS_ON_ITS_OWN;
            default:
                System.err.println(USAGE);
                return 2;
        }
    }

    /** The file and the reason, in one line (a capture the CLI cannot open reads much the same). */
    static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (cause instanceof FileSystemException f && f.getFile() != null) {
            String reason = f instanceof NoSuchFileException ? "no such file or directory"
                    : f instanceof AccessDeniedException ? "permission denied"
                    : f.getReason() != null ? f.getReason() : f.getClass().getSimpleName();
            return f.getFile() + ": " + reason;
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** {@code generate}: writes the bench capture and nothing else; a bad option gets one line on {@code err}, exit 2. */
    static int generate(String[] args, PrintStream err) throws IOException {
        Path out = null;
        long packets = 1_000_000L;
        int overlap = CaptureGenerator.DEFAULT_OVERLAP;
        CaptureFormat format = CaptureFormat.PCAP;
        String option = null;
        try {
            for (int i = 0; i < args.length; i++) {
                option = args[i];
                switch (option) {
                    case "--out" -> out = Path.of(args[++i]);
                    case "--format" -> {
                        format = CaptureFormat.ofOption(args[++i]);
                        if (format == null) {
                            err.println("generate: --format is pcap or pcapng, not " + args[i]);
                            return 2;
                        }
                    }
                    case "--packets" -> packets = ThroughputCommand.parseCount(args[++i]);
                    case "--overlap" -> overlap = Integer.parseInt(args[++i]);
                    default -> {
                        err.println("generate: unknown option " + option);
                        err.println(USAGE);
                        return 2;
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            err.println("generate: " + option + " needs a value");
            return 2;
        } catch (NumberFormatException e) {
            err.println("generate: " + option + " needs a whole number (" + e.getMessage() + ")");
            return 2;
        }
        if (out == null) {
            err.println("generate: --out FILE is required");
            return 2;
        }
        if (packets < 1 || overlap < 1) {
            err.println("generate: --packets and --overlap must be at least 1");
            return 2;
        }
        BaseTrace base = BaseTrace.load(TraceLoader.sharedDirectory(), BaseTrace.DEFAULT_BACKGROUND_RATIO);
        CaptureGenerator.Summary s = new CaptureGenerator(base, overlap).writeFile(out, packets, format);
        System.out.printf(Locale.ROOT, "%s: %,d packets, %d repetitions, %.0f s of traffic%n", out, s.packets(),
                s.repetitions(), s.seconds());
        return 0;
    }

    private static int analyze(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println(USAGE);
            return 2;
        }
        return dev.scanwatch.bench.throughput.ChildAnalysis.main(Path.of(args[0]));
    }
}
