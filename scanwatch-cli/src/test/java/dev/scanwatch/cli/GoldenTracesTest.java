package dev.scanwatch.cli;

import dev.scanwatch.cli.eval.Evaluator;
import dev.scanwatch.cli.eval.FileScore;
import dev.scanwatch.cli.eval.TruthFile;
import dev.scanwatch.cli.eval.TruthRow;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.SharedTraces;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests over the real captures of ../shared/traces: every labelled attacker is alerted
 * with an accepted kind and technique, and no source the truth protects is alerted. One test per
 * capture; rows in flow formats wait for their readers (issue #4).
 */
class GoldenTracesTest {

    private final Evaluator evaluator = new Evaluator(TrackerConfig.defaults(), DetectorConfig.defaults());

    @TestFactory
    List<DynamicTest> loopbackCaptures() throws IOException {
        return captures(SharedTraces.require().resolve("loopback/truth.tsv"));
    }

    @TestFactory
    List<DynamicTest> publicCaptures() throws IOException {
        return captures(SharedTraces.require().resolve("public/truth.tsv"));
    }

    private List<DynamicTest> captures(Path truth) throws IOException {
        if (!Files.isRegularFile(truth)) {
            String why = "golden tests skipped: " + truth + " is absent";
            System.err.println(why);
            Assumptions.abort(why);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (TruthRow row : TruthFile.read(truth)) {
            if (!Evaluator.canRead(row)) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(row.file(), () -> {
                FileScore s = evaluator.evaluate(truth.getParent(), row);
                assertThat(s.failure()).as("analysis of %s", row.file()).isNull();
                assertThat(s.missed()).as("attackers missed in %s", row.file()).isEmpty();
                assertThat(s.wrongKind()).as("attackers with the wrong kind in %s", row.file()).isEmpty();
                assertThat(s.wrongTechnique()).as("attackers with the wrong technique in %s", row.file()).isEmpty();
                assertThat(s.falsePositives()).as("false-positive sources in %s", row.file()).isEmpty();
            }));
        }
        assertThat(tests).as("readable rows in " + truth).isNotEmpty();
        return tests;
    }
}
