package dev.scanwatch.cli;

import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.capture.CaptureReader;
import dev.scanwatch.io.capture.CaptureReader.ReadResult;
import dev.scanwatch.io.sink.AlertSink;
import dev.scanwatch.io.sink.JsonLinesSink;
import dev.scanwatch.io.sink.TableSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scanwatch analyze FILE...}: reads captures, reports scans and sweeps. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads pcap, pcapng (optionally gzip-compressed) or '-' for stdin, and reports port "
                       + "sweeps, port scans and block scans.",
                       "Several files are read as one stream, in the order given (rotated captures)."},
        footer = {"", "Exit status: 0 when every input was read (with or without alerts), 1 when an input "
                      + "could not be read, 2 for a bad command line."})
final class AnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Capture files; '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = "--json", description = "Write JSON Lines, one object per alert (the alert contract), "
                                            + "instead of a table.")
    boolean json;

    @Option(names = "--home-net", paramLabel = "CIDR", description = "Home network (repeatable, or comma "
            + "separated); decides each alert's direction. Default: RFC 1918, 100.64.0.0/10, fc00::/7.")
    List<String> homeNets = new ArrayList<>();

    @Option(names = "--sweep-min-hosts", paramLabel = "N", description = "Fire a sweep when one port failed on "
            + "N hosts (default: ${DEFAULT-VALUE}).")
    int sweepMinHosts = DetectorConfig.DEFAULT_SWEEP_MIN_HOSTS;

    @Option(names = "--scan-min-ports", paramLabel = "N", description = "Fire a scan when one host failed on N "
            + "ports (default: ${DEFAULT-VALUE}).")
    int scanMinPorts = DetectorConfig.DEFAULT_SCAN_MIN_PORTS;

    @Option(names = "--blockscan-min-hosts", paramLabel = "N", description = "Fire a block scan when N hosts "
            + "each failed on --blockscan-min-host-ports ports (default: ${DEFAULT-VALUE}).")
    int blockscanMinHosts = DetectorConfig.DEFAULT_BLOCKSCAN_MIN_HOSTS;

    @Option(names = "--blockscan-min-host-ports", paramLabel = "N", description = "See --blockscan-min-hosts "
            + "(default: ${DEFAULT-VALUE}).")
    int blockscanMinHostPorts = DetectorConfig.DEFAULT_BLOCKSCAN_MIN_HOST_PORTS;

    @Option(names = "--source-idle", paramLabel = "SECONDS", description = "Close a source's alert after this "
            + "long without attempts (default: ${DEFAULT-VALUE}).")
    long sourceIdleSeconds = DetectorConfig.DEFAULT_SOURCE_IDLE.toSeconds();

    @Option(names = "--response-timeout", paramLabel = "SECONDS", description = "An unanswered probe counts as "
            + "filtered after this long (default: ${DEFAULT-VALUE}).")
    long responseTimeoutSeconds = TrackerConfig.DEFAULT_RESPONSE_TIMEOUT.toSeconds();

    @Option(names = "--events", description = "Write every alert event (open, updated at escalation levels, "
            + "closed) as it happens; by default each alert is written once, in its final state.")
    boolean events;

    @Option(names = "--show-suppressed", description = "Also write alerts held back by a false-positive exit "
            + "(peer-to-peer clients), marked with suppressed_by.")
    boolean showSuppressed;

    @Option(names = "--stats", description = "Print reader and tracker counters to stderr at the end.")
    boolean stats;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DetectorConfig detectorConfig;
        TrackerConfig trackerConfig;
        try {
            DetectorConfig.Builder d = DetectorConfig.builder()
                    .sweepMinHosts(sweepMinHosts)
                    .scanMinPorts(scanMinPorts)
                    .blockscanMinHosts(blockscanMinHosts)
                    .blockscanMinHostPorts(blockscanMinHostPorts)
                    .sourceIdle(Duration.ofSeconds(sourceIdleSeconds));
            if (!homeNets.isEmpty()) {
                d.homeNets(CidrSet.parse(homeNets));
            }
            detectorConfig = d.build();
            TrackerConfig t = TrackerConfig.defaults();
            trackerConfig = new TrackerConfig(Duration.ofSeconds(responseTimeoutSeconds),
                    t.conversationIdle().compareTo(Duration.ofSeconds(responseTimeoutSeconds)) < 0
                            ? Duration.ofSeconds(responseTimeoutSeconds) : t.conversationIdle(),
                    t.maxConversations());
        } catch (IllegalArgumentException e) {
            err.println("scanwatch analyze: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }

        PrintStream out = new PrintStream(new BufferedOutputStream(main.out, 1 << 16), false, StandardCharsets.UTF_8);
        int exit = ExitCodes.OK;
        boolean anyRead = false;
        AlertSink sink = json ? new JsonLinesSink(out) : new TableSink(out);
        AlertSelection selection = new AlertSelection(sink, events, showSuppressed);
        Pipeline pipeline = new Pipeline(trackerConfig, detectorConfig, selection);
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
        String held = selection.describeSuppressed();
        if (held != null) {
            err.println("scanwatch: " + held);
        }
        if (stats) {
            err.println("scanwatch: tracker: " + pipeline.trackerStats().describe());
        }
        err.flush();
        return exit;
    }

    /** Reads one input into the pipeline; false when nothing of it could be read. */
    private boolean read(String file, Pipeline pipeline, PrintWriter err) {
        ReadResult result;
        try {
            result = "-".equals(file)
                    ? CaptureReader.read("-", main.in, pipeline::onPacket)
                    : CaptureReader.read(Path.of(file), pipeline::onPacket);
        } catch (IOException e) {
            err.println("scanwatch: " + e.getMessage()); // the reader names the file
            return false;
        }
        if (stats) {
            err.println("scanwatch: " + file + " (" + result.format() + "): " + result.stats().describe());
        }
        if (result.problem() == null) {
            return true;
        }
        if (result.stats().frames() == 0) {
            err.println("scanwatch: " + result.problem().describe());
            return false;
        }
        err.println("scanwatch: warning: " + result.problem().describe() + "; analysed the "
                    + result.stats().frames() + " packets before it");
        return true;
    }
}
