package dev.scanwatch.io.netflow;

import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.alert.AlertState;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.pipeline.Pipeline;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Runs the detection core with default settings and reduces its closed alerts to "kind src" lines. */
final class Detect {

    final List<Alert> closed = new ArrayList<>();
    final Pipeline pipeline = new Pipeline(TrackerConfig.defaults(), DetectorConfig.defaults(), a -> {
        if (a.state() == AlertState.CLOSED && !a.isSuppressed()) {
            closed.add(a);
        }
    });

    /** What {@code analyze FILE} finds, as sorted "kind src techniques" lines. */
    static TreeSet<String> analyze(Path file) throws IOException {
        Detect d = new Detect();
        InputReader.read(file, null, d.pipeline::onPacket, d.pipeline::onAttempt);
        return d.finish();
    }

    TreeSet<String> finish() {
        pipeline.finish();
        return summary(closed);
    }

    static TreeSet<String> summary(List<Alert> alerts) {
        TreeSet<String> out = new TreeSet<>();
        for (Alert a : alerts) {
            out.add(a.kind().label() + " " + (a.srcs().isEmpty() ? a.src() : a.srcs()) + " " + a.techniques());
        }
        return out;
    }
}
