package dev.scanwatch.cli;

import dev.scanwatch.cli.eval.Evaluator;
import dev.scanwatch.cli.eval.FileScore;
import dev.scanwatch.cli.eval.Report;
import dev.scanwatch.cli.eval.TruthFile;
import dev.scanwatch.cli.eval.TruthRow;
import dev.scanwatch.cli.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code scanwatch eval TRUTH.tsv...}: replays labelled files and scores the alerts. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Replays every file of one or more truth tables (the format of shared/traces/*/truth.tsv) "
                       + "and prints per file the detected, missed and false-positive sources, kind and "
                       + "technique accuracy and detected_after, then the totals."})
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRUTH.tsv", arity = "1..*")
    List<Path> truthFiles = new ArrayList<>();

    @Mixin
    DetectionOptions detection = new DetectionOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DetectionOptions.Configs configs;
        try {
            configs = detection.build();
        } catch (IllegalArgumentException | ConfigException e) {
            err.println("scanwatch eval: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        Evaluator evaluator = new Evaluator(configs.tracker(), configs.detector());
        List<FileScore> scores = new ArrayList<>();
        for (Path truth : truthFiles) {
            List<TruthRow> rows;
            try {
                rows = TruthFile.read(truth);
            } catch (IOException e) {
                err.println("scanwatch eval: " + e.getMessage());
                err.flush();
                return ExitCodes.INPUT_ERROR;
            }
            Path dir = truth.toAbsolutePath().getParent();
            for (TruthRow row : rows) {
                scores.add(evaluator.evaluate(dir, row));
            }
        }
        Report.print(scores, out);
        return ExitCodes.OK;
    }
}
