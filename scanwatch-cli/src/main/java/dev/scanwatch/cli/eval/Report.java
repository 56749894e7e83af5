package dev.scanwatch.cli.eval;

import dev.scanwatch.core.net.IpAddress;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Prints an evaluation: one line per file, then the totals that the quality targets are about. */
public final class Report {

    private Report() {
    }

    public static void print(List<FileScore> scores, PrintWriter out) {
        out.printf("%-70s %5s %5s %4s %4s %5s %5s %s%n", "FILE", "ATTK", "TP", "MISS", "FP", "KIND", "TECH",
                "DETECTED_AFTER / NOTES");
        for (FileScore s : scores) {
            int attackers = s.row().attackers().size();
            String notes = s.failure() != null ? "RUN FAILURE: " + s.failure()
                    : s.detectedAfter().values().stream().map(String::valueOf).collect(Collectors.joining(","));
            if (!s.missed().isEmpty()) {
                notes += " missed=" + join(s.missed());
            }
            if (!s.falsePositives().isEmpty()) {
                notes += " fp=" + join(s.falsePositives());
            }
            if (!s.wrongKind().isEmpty()) {
                notes += " wrong_kind=" + join(s.wrongKind());
            }
            if (!s.wrongTechnique().isEmpty()) {
                notes += " wrong_technique=" + join(s.wrongTechnique());
            }
            out.printf("%-70s %5d %5d %4d %4d %5s %5s %s%n", s.row().file(), attackers, s.detected().size(),
                    s.missed().size(), s.falsePositives().size(),
                    s.detected().isEmpty() ? "-" : (s.detected().size() - s.wrongKind().size()) + "/" + s.detected().size(),
                    s.detected().isEmpty() ? "-" : (s.detected().size() - s.wrongTechnique().size()) + "/" + s.detected().size(),
                    notes.trim());
        }
        Totals t = Totals.of(scores);
        out.println();
        out.printf("attackers %d, detected %d, recall %.1f %%%n", t.attackers(), t.detected(), pct(t.detected(), t.attackers()));
        out.printf("false-positive sources %d%n", t.falsePositives());
        out.printf("kind accuracy %.1f %%, technique accuracy %.1f %% (over detected attackers)%n",
                pct(t.rightKind(), t.detected()), pct(t.rightTechnique(), t.detected()));
        out.printf("median detected_after %s%n", t.medianDetectedAfter() < 0 ? "-" : String.valueOf(t.medianDetectedAfter()));
        out.printf("run failures %d%n", t.failures());
        out.flush();
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 100.0 : 100.0 * part / whole;
    }

    private static String join(List<IpAddress> list) {
        return list.stream().map(IpAddress::toString).collect(Collectors.joining(","));
    }

    /** The totals over a set of scored files. */
    public record Totals(long attackers, long detected, long falsePositives, long rightKind, long rightTechnique,
                         double medianDetectedAfter, long failures) {
        public static Totals of(List<FileScore> scores) {
            long attackers = 0;
            long detected = 0;
            long fp = 0;
            long kind = 0;
            long technique = 0;
            long failures = 0;
            List<Long> after = new ArrayList<>();
            for (FileScore s : scores) {
                attackers += s.row().attackers().size();
                detected += s.detected().size();
                fp += s.falsePositives().size();
                kind += s.detected().size() - s.wrongKind().size();
                technique += s.detected().size() - s.wrongTechnique().size();
                failures += s.failure() == null ? 0 : 1;
                after.addAll(s.detectedAfter().values());
            }
            after.sort(null);
            double median = after.isEmpty() ? -1 : after.size() % 2 == 1 ? after.get(after.size() / 2)
                    : (after.get(after.size() / 2 - 1) + after.get(after.size() / 2)) / 2.0;
            return new Totals(attackers, detected, fp, kind, technique, median, failures);
        }
    }
}
