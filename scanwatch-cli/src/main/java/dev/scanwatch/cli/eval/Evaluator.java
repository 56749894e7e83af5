package dev.scanwatch.cli.eval;

import dev.scanwatch.cli.AlertSelection;
import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Replays the files of a truth table through the embedded pipeline and scores each. */
public final class Evaluator {

    /**
     * Formats this build reads in full, which the golden tests hold to their truth. Rows of other
     * formats are still tried (the format is recognised from the content): the reader's own message
     * says why one is not read, e.g. a compressed nfdump file of nfdump 1.6's layout.
     */
    private static final Set<String> READABLE = Set.of("pcap", "pcapng", "zeek-conn", "zeek-conn-json", "argus-csv",
            "nfdump-csv", "nfdump", "cicflowmeter-csv");

    private final TrackerConfig trackerConfig;
    private final DetectorConfig detectorConfig;

    public Evaluator(TrackerConfig trackerConfig, DetectorConfig detectorConfig) {
        this.trackerConfig = trackerConfig;
        this.detectorConfig = detectorConfig;
    }

    public static boolean canRead(TruthRow row) {
        return READABLE.contains(row.format());
    }

    public FileScore evaluate(Path truthDir, TruthRow row) {
        Path file = truthDir.resolve(row.file());
        if (!Files.isRegularFile(file)) {
            return Scorer.failed(row, "missing file " + file);
        }
        try {
            return Scorer.score(row, analyse(file));
        } catch (IOException e) {
            return Scorer.failed(row, e.getMessage());
        }
    }

    /** The closed alerts of one file, as {@code scanwatch analyze --json} would print them. */
    public List<Alert> analyse(Path file) throws IOException {
        List<Alert> alerts = new ArrayList<>();
        Pipeline pipeline = new Pipeline(trackerConfig, detectorConfig, new AlertSelection(alerts::add, false, false));
        // The format is recognised from the content, as analyze does; the truth's label is not used.
        InputReader.Result result = InputReader.read(file, null, pipeline::onPacket, pipeline::onAttempt);
        if (result.problem() != null && result.count() == 0) {
            throw new IOException(result.problem().describe());
        }
        pipeline.finish();
        return alerts;
    }
}
