package dev.scanwatch.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The throughput command end to end on a small capture: warm-up runs are shown and left out of the medians. */
class ThroughputCommandTest {

    private static String run(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(ThroughputCommand.main(args, log)).as("exit status").isEqualTo(0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void warmUpRunsArePrintedButNotCounted() throws Exception {
        String out = run("--packets", "20k", "--reps", "1", "--warmup", "2", "--no-taskset");

        assertThat(out).contains("warm-up 1 scanwatch", "warm-up 2 scanwatch").doesNotContain("warm-up 3");
        assertThat(out.lines().filter(l -> l.contains("not counted"))).hasSize(2);
        assertThat(out.lines().filter(l -> l.startsWith("  rep 1 scanwatch"))).hasSize(1);
        assertThat(out).contains("run (median of 1)", "scanwatch in process, 1 thread (warm)");
        assertThat(out).doesNotContain("fresh JVM");
        // The row is the one counted run, not a median that took the slower warm-ups in.
        Matcher rep = Pattern.compile("  rep 1 scanwatch (\\S+) s \\(in process, 1 thread\\)").matcher(out);
        Matcher row = Pattern.compile("scanwatch in process, 1 thread \\(warm\\) +[\\d,]+ +(\\S+) ").matcher(out);
        assertThat(rep.find()).as("rep line in%n%s", out).isTrue();
        assertThat(row.find()).as("row in%n%s", out).isTrue();
        assertThat(row.group(1)).isEqualTo(rep.group(1));
    }

    @Test
    void withoutWarmUpTheRowsDoNotClaimToBeWarm() throws Exception {
        String out = run("--packets", "20k", "--reps", "1", "--warmup", "0", "--no-taskset");

        assertThat(out).doesNotContain("warm-up").contains("scanwatch in process, 1 thread ").doesNotContain("(warm)");
    }

    @Test
    void impossibleOrMissingCountsAreRefusedWithAMessage() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(ThroughputCommand.main(new String[] {"--reps", "0"}, log)).isEqualTo(2);
            assertThat(ThroughputCommand.main(new String[] {"--warmup", "-1"}, log)).isEqualTo(2);
            assertThat(ThroughputCommand.main(new String[] {"--warmup", "two"}, log)).isEqualTo(2);
            assertThat(ThroughputCommand.main(new String[] {"--reps"}, log)).isEqualTo(2);
            assertThat(ThroughputCommand.main(new String[] {"--overlap", "0"}, log)).isEqualTo(2);
        }
        String said = bytes.toString(StandardCharsets.UTF_8);
        assertThat(said).contains("throughput: --reps, --packets and --overlap must be at least 1, --warmup at least 0",
                "throughput: --warmup needs a whole number", "throughput: --reps needs a value");
        assertThat(said.lines().filter(l -> l.contains("must be at least 1"))).hasSize(3);
    }
}
