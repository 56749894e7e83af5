package dev.scanwatch.cli;

import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.pipeline.Detection;
import dev.scanwatch.core.pipeline.Detectors;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;
import dev.scanwatch.io.input.WaitAwareInputStream;
import dev.scanwatch.io.sink.AlertSink;
import dev.scanwatch.io.sink.JsonLinesSink;
import dev.scanwatch.io.sink.TableSink;
import dev.scanwatch.io.thread.DetectionThread;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scanwatch analyze FILE...}: reads captures, reports scans and sweeps. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads pcap or pcapng captures, or flow logs (Zeek conn.log TSV or JSON, Argus CSV, nfdump "
                       + "CSV or binary files, CICFlowMeter CSV), optionally gzip-compressed, or '-' for stdin, and reports port sweeps, port scans, "
                       + "block scans and distributed scans. The format is recognised from the content.",
                       "Several files are read as one stream, in the order given (rotated captures)."},
        footer = {"", "Exit status: 0 when every input was read (with or without alerts), 1 when an input "
                      + "could not be read, 2 for a bad command line."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Captures or flow logs; '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Mixin
    InputOptions input = new InputOptions();

    @Option(names = "--json", description = "Write JSON Lines, one object per alert (the alert contract), "
                                            + "instead of a table.")
    boolean json;

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Option(names = "--events", description = "Write every alert event (open, updated at escalation levels, "
            + "closed) as it happens; by default each alert is written once, in its final state.")
    boolean events;

    @Mixin
    SuppressedOption suppressed = new SuppressedOption();

    @Option(names = "--no-progress", description = "No progress line on stderr (it is shown only on a terminal, "
            + "for inputs over 32 MiB).")
    boolean noProgress;

    @Option(names = "--threads", paramLabel = "N", description = "1: read, track and detect on one thread; "
            + "2: detect on a second thread, fed in batches (handed over whenever stdin would wait, so a live "
            + "capture's alerts come as soon as with one thread). Default: 2 on a machine with two or more CPUs, "
            + "else 1.")
    Integer threads;

    @Option(names = "--stats", description = "Print reader, tracker and detector counters to stderr at the end.")
    boolean stats;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DetectionOptions.Configs configs;
        try {
            configs = detection.build();
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("scanwatch analyze: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        try {
            input.validate();
            if (threads != null && threads != 1 && threads != 2) {
                throw new IllegalArgumentException("--threads must be 1 or 2, not " + threads);
            }
        } catch (IllegalArgumentException e) {
            err.println("scanwatch analyze: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        TrackerConfig trackerConfig = configs.tracker();
        DetectorConfig detectorConfig = configs.detector();

        PrintStream out = new PrintStream(new BufferedOutputStream(main.out, 1 << 16), false, StandardCharsets.UTF_8);
        int exit = ExitCodes.OK;
        boolean anyRead = false;
        AlertSink sink = json ? new JsonLinesSink(out) : new TableSink(out);
        AlertSelection selection = new AlertSelection(sink, events, suppressed.show);
        Detection detectors = new Detectors(detectorConfig, selection);
        Pipeline pipeline = new Pipeline(trackerConfig, useDetectionThread() ? new DetectionThread(detectors) : detectors);
        for (String file : files) {
            if (read(file, pipeline, err)) {
                anyRead = true;
            } else {
                exit = ExitCodes.INPUT_ERROR;
            }
        }
        pipeline.finish();
        if (anyRead) {
            sink.close(); // with nothing read, "no scans found" would be a lie
        }
        out.flush();
        selection.printSuppressed(err);
        if (stats) {
            err.println("scanwatch: tracker: " + pipeline.trackerStats().describe());
            err.println("scanwatch: detector: " + pipeline.describeDetector());
        }
        err.flush();
        return exit;
    }

    private boolean useDetectionThread() {
        if (threads != null) {
            return threads == 2;
        }
        return DetectionThread.worthwhile();
    }

    /** A progress line for a long input when stderr is a terminal, else null. */
    private Progress progressFor(String file, PrintWriter err) {
        if (noProgress || !Progress.stderrIsTerminal()) {
            return null;
        }
        if ("-".equals(file)) {
            return new Progress(err, "stdin", -1);
        }
        try {
            Path path = Path.of(file);
            long size = Files.isRegularFile(path) ? Files.size(path) : -1;
            return size >= Progress.MIN_BYTES ? new Progress(err, path.getFileName().toString(), size) : null;
        } catch (IOException e) {
            return null; // the reader reports the file's problem
        }
    }

    /** Reads one input into the pipeline; false when nothing of it could be read. */
    private boolean read(String file, Pipeline pipeline, PrintWriter err) {
        InputReader.Result result;
        Progress progress = progressFor(file, err);
        boolean stdin = "-".equals(file);
        // stdin may be live: before it waits, the detection thread gets what is batched.
        InputStream stdinStream = new WaitAwareInputStream(main.in, pipeline::flush);
        try {
            if (progress == null) {
                result = input.read(file, stdinStream, pipeline::onPacket, pipeline::onAttempt);
            } else {
                InputStream in = stdin ? stdinStream : Files.newInputStream(Path.of(file));
                try {
                    result = input.readStream(file, progress.count(in),
                            p -> {
                                pipeline.onPacket(p);
                                progress.tick();
                            },
                            a -> {
                                pipeline.onAttempt(a);
                                progress.tick();
                            });
                } finally {
                    progress.done();
                    if (!stdin) {
                        in.close(); // stdin stays open: it is not ours
                    }
                }
            }
        } catch (IOException e) {
            err.println("scanwatch: " + e.getMessage()); // the reader names the file
            return false;
        }
        if (stats) {
            err.println("scanwatch: " + file + " (" + result.format() + "): " + result.stats());
        }
        return InputProblems.report(result, err, "analysed");
    }
}
