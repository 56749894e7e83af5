package dev.scanwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanwatch.io.capture.CaptureBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.scanwatch.io.capture.CaptureBuilder.ACK;
import static dev.scanwatch.io.capture.CaptureBuilder.RST;
import static dev.scanwatch.io.capture.CaptureBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/** The analyze command end to end on captures built in the test: output, contract, errors. */
class AnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_780_000_000L * 1_000_000_000L; // 2026-05-28T20:26:40Z, in ns
    private static final long MS = 1_000_000L;

    @TempDir
    Path dir;

    /** 40 hosts swept on 445 from 198.51.100.7: 2 open, 30 refused, 8 silent. */
    private static CaptureBuilder sweep(CaptureBuilder b) {
        for (int h = 1; h <= 40; h++) {
            String target = "10.1.0." + h;
            long t = T0 + h * 10 * MS;
            b.tcp("198.51.100.7", 40000, target, 445, SYN).atNanos(t);
            if (h <= 2) {
                b.tcp(target, 445, "198.51.100.7", 40000, SYN | ACK).atNanos(t + MS);
                b.tcp("198.51.100.7", 40000, target, 445, RST).atNanos(t + 2 * MS);
            } else if (h <= 32) {
                b.tcp(target, 445, "198.51.100.7", 40000, RST | ACK).atNanos(t + MS);
            }
        }
        return b.tcp("10.1.0.1", 22, "10.1.0.2", 50000, ACK).atNanos(T0 + 10_000 * MS); // unrelated traffic keeps time moving
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static List<JsonNode> json(Run run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.lines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void jsonFollowsTheAlertContract() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Run run = Run.of("analyze", "--json", "--home-net", "10.0.0.0/8", pcap.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> alerts = json(run);
        assertThat(alerts).hasSize(1);
        JsonNode a = alerts.get(0);
        assertThat(a.get("kind").asText()).isEqualTo("portsweep");
        assertThat(a.get("proto").asText()).isEqualTo("tcp");
        assertThat(a.get("src").asText()).isEqualTo("198.51.100.7");
        assertThat(a.get("ports").toString()).isEqualTo("[445]");
        assertThat(a.get("targets").asLong()).isEqualTo(40);
        assertThat(a.get("target_min").asText()).isEqualTo("10.1.0.1");
        assertThat(a.get("target_max").asText()).isEqualTo("10.1.0.40");
        assertThat(a.get("first").asText()).isEqualTo("2026-05-28T20:26:40.010Z");
        assertThat(a.get("last").asText()).isEqualTo("2026-05-28T20:26:40.400Z");
        assertThat(a.get("attempts").asLong()).isEqualTo(40);
        assertThat(a.get("open").asLong()).isEqualTo(2);
        assertThat(a.get("closed").asLong()).isEqualTo(30);
        assertThat(a.get("filtered").asLong()).isEqualTo(8);
        assertThat(a.get("unknown").asLong()).isZero();
        assertThat(a.get("techniques").toString()).isEqualTo("[\"syn\"]");
        assertThat(a.get("direction").asText()).isEqualTo("inbound");
        assertThat(a.get("severity").asText()).isEqualTo("low");
        // Two open hosts first pull the sequential test down; six failures bring it to "scanner".
        assertThat(a.get("detected_after").asLong()).isEqualTo(8);
        assertThat(a.get("summary").asText()).isEqualTo(
                "[TCP-SWEEP] (total=40,dp=445,min=10.1.0.1,max=10.1.0.40,May28-20:26:40,May28-20:26:40)");
    }

    @Test
    void homeNetDecidesDirection() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Run outbound = Run.of("analyze", "--json", "--home-net", "198.51.100.0/24", pcap.toString());
        assertThat(json(outbound).get(0).get("direction").asText()).isEqualTo("outbound");
        assertThat(json(outbound).get(0).get("severity").asText()).isEqualTo("medium");
        Run both = Run.of("analyze", "--json", "--home-net", "198.51.100.0/24,10.0.0.0/8", pcap.toString());
        assertThat(json(both).get(0).get("direction").asText()).isEqualTo("internal");
    }

    @Test
    void tableIsTheDefault() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Run run = Run.of("analyze", pcap.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.lines().get(0)).startsWith("KIND").contains("SOURCE", "TARGETS", "TECHNIQUES");
        assertThat(run.lines().get(1)).startsWith("portsweep").contains("198.51.100.7", "445", "syn", "inbound");
        assertThat(run.lines().get(2)).isEqualTo(
                "  [TCP-SWEEP] (total=40,dp=445,min=10.1.0.1,max=10.1.0.40,May28-20:26:40,May28-20:26:40)");
        assertThat(run.lines().get(3)).isEqualTo("1 alert");
    }

    @Test
    void pcapngGzipAndStdinGiveTheSameAlerts() throws IOException {
        String expected = Run.of("analyze", "--json", write("a.pcap", sweep(CaptureBuilder.pcap()).bytes()).toString()).out();
        Path ng = write("a.pcapng.gz", sweep(CaptureBuilder.pcapng()).gzipBytes());
        assertThat(Run.of("analyze", "--json", ng.toString()).out()).isEqualTo(expected);
        Run stdin = Run.withStdin(sweep(CaptureBuilder.pcapNanos()).bytes(), "analyze", "--json", "-");
        assertThat(stdin.out()).isEqualTo(expected);
    }

    @Test
    void benignTrafficGivesNoAlerts() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        for (int i = 0; i < 50; i++) {
            long t = T0 + i * 100 * MS;
            b.tcp("10.0.0.100", 50000 + i, "10.0.0.80", 8080, SYN).atNanos(t)
             .tcp("10.0.0.80", 8080, "10.0.0.100", 50000 + i, SYN | ACK).atNanos(t + MS)
             .tcp("10.0.0.100", 50000 + i, "10.0.0.80", 8080, ACK).atNanos(t + 2 * MS);
        }
        Run run = Run.of("analyze", write("web.pcap", b.bytes()).toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("no scans found\n");
    }

    @Test
    void notACaptureIsAOneLineErrorWithTheOffset() throws IOException {
        Path text = write("notes.txt", "hello, this is not a capture\n".getBytes(StandardCharsets.UTF_8));
        Run run = Run.of("analyze", text.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("scanwatch: " + text + ": not a pcap or pcapng capture (magic 0x68656c6c) at byte offset 0");
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void emptyAndMissingFilesAreErrors() throws IOException {
        Path empty = write("empty.pcap", new byte[0]);
        Run run = Run.of("analyze", empty.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("scanwatch: " + empty + ": empty file at byte offset 0");
        Run missing = Run.of("analyze", dir.resolve("nope.pcap").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("scanwatch: " + dir.resolve("nope.pcap") + ": no such file");
    }

    @Test
    void truncatedCaptureStillReportsWhatItHoldsWithAWarning() throws IOException {
        byte[] whole = sweep(CaptureBuilder.pcap()).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 7);
        Path p = write("cut.pcap", cut);
        Run run = Run.of("analyze", "--json", p.toString());
        assertThat(run.exit()).isZero();
        assertThat(json(run)).singleElement().satisfies(a -> assertThat(a.get("kind").asText()).isEqualTo("portsweep"));
        assertThat(run.err()).startsWith("scanwatch: warning: " + p + ": truncated record")
                .contains("at byte offset ").contains("analysed the ");
    }

    @Test
    void authorisedScannersAreCountedNotShown() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Path config = write("scanwatch.toml", """
                [false_positives]
                authorised_scanners = ["198.51.100.0/28"]
                """.getBytes(StandardCharsets.UTF_8));
        Run run = Run.of("analyze", "--config", config.toString(), pcap.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("no scans found\n");
        assertThat(run.err()).contains("1 alert held back by false-positive exits (authorised: 198.51.100.7/tcp)");
        Run shown = Run.of("analyze", "--json", "--show-suppressed", "--config", config.toString(), pcap.toString());
        assertThat(json(shown)).singleElement()
                .satisfies(a -> assertThat(a.get("suppressed_by").asText()).isEqualTo("authorised"));
    }

    @Test
    void flagsWinOverTheConfigFile() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Path config = write("scanwatch.toml", "[network]\nhome_nets = [\"198.51.100.0/24\"]\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(json(Run.of("analyze", "--json", "--config", config.toString(), pcap.toString())).get(0)
                .get("direction").asText()).isEqualTo("outbound");
        assertThat(json(Run.of("analyze", "--json", "--config", config.toString(), "--home-net", "10.0.0.0/8",
                pcap.toString())).get(0).get("direction").asText()).isEqualTo("inbound");
        Run bad = Run.of("analyze", "--config", dir.resolve("missing.toml").toString(), pcap.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("scanwatch analyze: " + dir.resolve("missing.toml") + ": no such file");
    }

    @Test
    void configDefaultsPrintsEverySetting() {
        Run run = Run.of("config", "--defaults");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("[detector]", "sweep_min_hosts = 20", "[sequential_test]", "theta0 = 0.8",
                "[false_positives]", "authorised_scanners = []");
    }

    @Test
    void oneProbeEveryFiveMinutesForAnHourIsFound() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        long fiveMinutes = 300_000 * MS;
        for (int i = 0; i < 12; i++) {
            long t = T0 + i * fiveMinutes;
            b.tcp("203.0.113.66", 41000, "10.3.0.7", 3389 + i, SYN).atNanos(t);
            b.tcp("10.3.0.7", 3389 + i, "203.0.113.66", 41000, RST | ACK).atNanos(t + MS);
            // Other traffic between the probes, as on any network.
            b.tcp("10.3.0.8", 50000 + i, "10.3.0.9", 443, SYN).atNanos(t + 60_000 * MS)
             .tcp("10.3.0.9", 443, "10.3.0.8", 50000 + i, SYN | ACK).atNanos(t + 60_001 * MS)
             .tcp("10.3.0.8", 50000 + i, "10.3.0.9", 443, ACK).atNanos(t + 60_002 * MS);
        }
        Run run = Run.of("analyze", "--json", write("slow.pcap", b.bytes()).toString());
        assertThat(json(run)).singleElement().satisfies(a -> {
            assertThat(a.get("src").asText()).isEqualTo("203.0.113.66");
            assertThat(a.get("kind").asText()).isEqualTo("portscan");
            assertThat(a.get("attempts").asLong()).isEqualTo(12);
            assertThat(a.get("detected_after").asLong()).isEqualTo(4);
        });
    }

    @Test
    void synFloodVictimAndItsBackscatterAreNoScanners() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        for (int i = 0; i < 300; i++) {
            String spoofed = "198.18." + (i / 200) + "." + (i % 200 + 1);
            long t = T0 + i * MS;
            // The flood seen at the victim: spoofed SYNs in, SYN-ACKs out to nobody.
            b.tcp(spoofed, 1024 + i, "10.4.0.80", 80, SYN).atNanos(t)
             .tcp("10.4.0.80", 80, spoofed, 1024 + i, SYN | ACK).atNanos(t + 1);
            // Backscatter of someone else's flood reaching us: SYN-ACKs and RSTs nobody asked for.
            b.tcp("192.0.2.99", 443, "10.5." + (i / 250) + "." + (i % 250 + 1), 2000 + i, SYN | ACK).atNanos(t + 2);
            b.tcp("192.0.2.98", 80, "10.5." + (i / 250) + "." + (i % 250 + 1), 3000 + i, RST).atNanos(t + 3);
        }
        Run run = Run.of("analyze", "--stats", write("flood.pcap", b.bytes()).toString());
        assertThat(run.out()).isEqualTo("no scans found\n");
        assertThat(run.err()).contains("unsolicited_answers=600");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(Run.of("analyze", "--home-net", "10.0.0.0/99", "x.pcap").exit()).isEqualTo(2);
        assertThat(Run.of("analyze").exit()).isEqualTo(2);
        assertThat(Run.of("analyze", "--sweep-min-hosts", "0", "x.pcap").exit()).isEqualTo(2);
        Run tiny = Run.of("analyze", "--max-memory", "1k", "x.pcap");
        assertThat(tiny.exit()).isEqualTo(2);
        assertThat(tiny.err().strip()).isEqualTo("scanwatch analyze: a memory cap below 16 MiB leaves no room to work");
        Run threads = Run.of("analyze", "--threads", "3", "x.pcap");
        assertThat(threads.exit()).isEqualTo(2);
        assertThat(threads.err().strip()).isEqualTo("scanwatch analyze: --threads must be 1 or 2, not 3");
    }

    @Test
    void aDetectionThreadChangesNothingInTheOutput() throws IOException {
        Path pcap = write("sweep.pcap", sweep(CaptureBuilder.pcap()).bytes());
        Run one = Run.of("analyze", "--events", "--json", "--stats", "--threads", "1", pcap.toString(), pcap.toString());
        Run two = Run.of("analyze", "--events", "--json", "--stats", "--threads", "2", pcap.toString(), pcap.toString());
        assertThat(one.exit()).isZero();
        assertThat(two.exit()).isZero();
        assertThat(one.lines()).isNotEmpty();
        assertThat(two.out()).isEqualTo(one.out());
        assertThat(one.err()).doesNotContain("reader_waited_ms"); // the stats say which way it ran
        assertThat(two.err()).contains("reader_waited_ms=", "detectors_waited_ms=");
    }

    /**
     * A live capture piped in (tcpdump -w - | scanwatch analyze -) pauses between bursts; an alert
     * must come out during the pause, not when the batch for the detection thread fills.
     */
    @Test
    void aLiveStdinGetsItsAlertsWhileItWaitsOnBothThreadSettings() throws Exception {
        // A busy link: an established session's traffic first, more than the reader's buffers.
        CaptureBuilder live = CaptureBuilder.pcap();
        for (int i = 0; i < 1200; i++) {
            live.tcp("10.3.0.1", 50000, "10.3.0.2", 22, ACK, 100).atNanos(T0 - 1_000 * MS + i * MS / 2);
        }
        byte[] capture = sweep(live).bytes();
        assertThat(capture.length).isGreaterThan(64 * 1024);
        for (String threads : List.of("1", "2")) {
            assertOpensBeforeStdinEnds(capture, threads);
        }
    }

    /**
     * A quiet link: the sweep is all there is, a few KiB. The reader used to recognise stdin from
     * its first 64 KiB, so this alert waited until the link had carried that much.
     */
    @Test
    void aQuietLiveStdinGetsItsFirstAlertWithoutFillingALookAhead() throws Exception {
        byte[] capture = sweep(CaptureBuilder.pcap()).bytes();
        assertThat(capture.length).isLessThan(8 * 1024);
        for (String threads : List.of("1", "2")) {
            assertOpensBeforeStdinEnds(capture, threads);
        }
    }

    private static void assertOpensBeforeStdinEnds(byte[] capture, String threads) throws Exception {
        PipedInputStream stdin = new PipedInputStream(capture.length + 1);
        PipedOutputStream feed = new PipedOutputStream(stdin);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int[] exit = {-1};
        Thread run = new Thread(() -> exit[0] = Main.run(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "analyze", "--json", "--events", "--threads",
                threads, "-"));
        run.start();
        feed.write(capture);
        feed.flush();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).contains("\"state\":\"open\"") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String whileWaiting = out.toString(StandardCharsets.UTF_8);
        feed.close(); // end of the live capture
        run.join(30_000);
        assertThat(whileWaiting).as("output before stdin ended, --threads %s", threads)
                .contains("\"state\":\"open\"", "\"src\":\"198.51.100.7\"");
        assertThat(exit[0]).as("exit, --threads %s; stderr: %s", threads, err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"state\":\"closed\"");
    }

    @Test
    void eventsShowTheLifeOfAnAlert() throws IOException {
        CaptureBuilder b = CaptureBuilder.pcap();
        for (int h = 1; h <= 120; h++) {
            b.tcp("198.51.100.7", 40000, "10.2." + (h / 100) + "." + (h % 100), 23, SYN).atNanos(T0 + h * 10 * MS);
        }
        Run run = Run.of("analyze", "--json", "--events", write("s.pcap", b.bytes()).toString());
        List<String> states = json(run).stream().map(n -> n.get("state").asText()).toList();
        // Fires after 4 failures (sequential test), updated at 20 and 100 attempts, then closed.
        assertThat(states).containsExactly("open", "updated", "updated", "closed");
        assertThat(json(run).stream().map(n -> n.get("alert_id").asLong()).distinct()).hasSize(1);
    }
}
