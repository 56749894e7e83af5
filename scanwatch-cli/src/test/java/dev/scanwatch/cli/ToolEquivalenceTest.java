package dev.scanwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.cli.eval.Evaluator;
import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.SharedTraces;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The same scans through real flow tools from Debian: each loopback capture is turned into an
 * Argus ra CSV and an nfdump CSV by argus/ra and nfpcapd (or softflowd and nfcapd)/nfdump, and
 * every file must give the alerts the capture itself gives, as far as the format carries them:
 *
 * <ul>
 *   <li>all formats: the same sources, kinds and protocols, attempts, ports, targets, techniques,
 *       open ports and OPEN counts;</li>
 *   <li>Argus ({@code ra -Z b}, per-side counts): also CLOSED; FILTERED and UNKNOWN only as a sum,
 *       since which unanswered probes count as FILTERED at the end of the input depends on the last
 *       time stamp each format has (sweep_masscan: 250 + 6 from the capture, 256 + 0 from Argus);</li>
 *   <li>nfdump: CLOSED for TCP; for UDP only CLOSED + FILTERED + UNKNOWN (softflowd and nfpcapd fold
 *       every ICMP port unreachable between two hosts into one port-less flow, so refused UDP probes
 *       cannot be told from unanswered ones), and FILTERED + UNKNOWN for TCP and ICMP (nfdump's CSV
 *       has whole seconds: a scan that lasted less than a second has not waited long enough for
 *       any probe to be called FILTERED);</li>
 *   <li>the README's Argus command ({@code -s ... state pkts bytes}, word states and totals only):
 *       sources, kinds and attempts; its RST/CON words hide who reset and who answered, so
 *       outcomes and techniques are not expected to match (scan_fin reads as SYN/CONNECT).</li>
 * </ul>
 *
 * Each tool's tests are skipped, with the reason, when its programs are not installed
 * ({@code .ci/run} installs them). Processes are bounded by timeouts and only talk to 127.0.0.1.
 */
class ToolEquivalenceTest {

    private static final Path TRACES = SharedTraces.find();
    private static final Path LOOPBACK = TRACES == null ? null : TRACES.resolve("loopback");
    private static final List<String> CAPTURES = List.of("scan_syn", "scan_connect", "scan_fin", "scan_udp",
            "sweep_445", "sweep_icmp", "scan_hping_syn", "sweep_masscan");

    /** ra's fields that {@code ArgusCsvParser} uses best: flag states per side, end time, per-side counters. */
    static final List<String> RA_FIELDS = List.of("stime", "ltime", "saddr", "sport", "daddr", "dport", "proto",
            "state", "spkts", "dpkts", "sbytes", "dbytes");
    /** The README's command: word states ("RST", "CON") and totals only. */
    static final List<String> RA_README_FIELDS = List.of("stime", "saddr", "sport", "daddr", "dport", "proto",
            "state", "pkts", "bytes");
    /** Which NetFlow exporter makes the nfdump data: "nfpcapd" (default when installed) or "softflowd". */
    private static final String EXPORTER = System.getProperty("scanwatch.nfdump.exporter", "");

    @TempDir
    static Path work;

    private final Evaluator evaluator = new Evaluator(TrackerConfig.defaults(), DetectorConfig.defaults());

    /** How closely a format's alerts must follow the capture's. */
    private enum Carries { ARGUS_FLAGS, NFDUMP, WORD_STATES }

    @TestFactory
    List<DynamicTest> argusWithFlagStates() {
        needCaptures();
        needTools("argus-server and argus-client", "argus", "ra");
        return forEachCapture(Carries.ARGUS_FLAGS, this::argusCsv);
    }

    @TestFactory
    List<DynamicTest> argusReadmeCommand() {
        needCaptures();
        needTools("argus-server and argus-client", "argus", "ra");
        return forEachCapture(Carries.WORD_STATES, this::argusReadmeCsv);
    }

    @TestFactory
    List<DynamicTest> nfdump() {
        needCaptures();
        needTools("nfdump", "nfdump");
        boolean viaSoftflowd = viaSoftflowd();
        System.out.println("tool-equivalence: nfdump data made by " + (viaSoftflowd ? "softflowd -> nfcapd" : "nfpcapd"));
        return forEachCapture(Carries.NFDUMP, name -> nfdumpCsv(name, viaSoftflowd));
    }

    /** The same nfdump data, read from nfdump's binary file itself instead of its CSV export. */
    @TestFactory
    List<DynamicTest> nfcapdFiles() {
        needCaptures();
        boolean viaSoftflowd = viaSoftflowd();
        return forEachCapture(Carries.NFDUMP, name -> nfcapdFile(name, viaSoftflowd));
    }

    /** Whether the nfdump data comes from softflowd and nfcapd rather than nfpcapd; skips the test without them. */
    private static boolean viaSoftflowd() {
        boolean viaSoftflowd = EXPORTER.equals("softflowd") || (ToolRunner.find("nfpcapd") == null && EXPORTER.isEmpty());
        if (viaSoftflowd) {
            needTools("softflowd and nfdump's nfcapd", "softflowd", "nfcapd");
        } else {
            needTools("nfdump", "nfpcapd");
        }
        return viaSoftflowd;
    }

    private interface Converter {
        Path convert(String capture) throws IOException, InterruptedException;
    }

    private List<DynamicTest> forEachCapture(Carries carries, Converter converter) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : CAPTURES) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<Alert> expected = evaluator.analyse(LOOPBACK.resolve(name + ".pcap"));
                List<Alert> actual = evaluator.analyse(converter.convert(name));
                compare(name, carries, expected, actual);
            }));
        }
        return tests;
    }

    private static void compare(String name, Carries carries, List<Alert> expected, List<Alert> actual) {
        Map<String, Alert> want = byKey(expected);
        Map<String, Alert> got = byKey(actual);
        System.out.printf("tool-equivalence %-14s %-11s capture %s | flows %s%n", name, carries,
                describe(want), describe(got));
        assertThat(want).as("%s: the capture itself alerts", name).isNotEmpty();
        assertThat(got.keySet()).as("%s via %s: sources, kinds, protocols", name, carries).isEqualTo(want.keySet());
        for (Map.Entry<String, Alert> e : want.entrySet()) {
            Alert w = e.getValue();
            Alert g = got.get(e.getKey());
            String what = name + " via " + carries + " " + e.getKey();
            assertThat(g.attempts()).as("%s: attempts", what).isEqualTo(w.attempts());
            if (carries == Carries.WORD_STATES) {
                continue;
            }
            assertThat(g.portCount()).as("%s: ports", what).isEqualTo(w.portCount());
            assertThat(g.targets()).as("%s: targets", what).isEqualTo(w.targets());
            assertThat(g.techniques()).as("%s: techniques", what).isEqualTo(w.techniques());
            assertThat(g.open()).as("%s: open", what).isEqualTo(w.open());
            assertThat(g.openPorts()).as("%s: open ports", what).isEqualTo(w.openPorts());
            boolean closedCarried = carries == Carries.ARGUS_FLAGS || w.protocol() != Protocol.UDP;
            if (closedCarried) {
                assertThat(g.closed()).as("%s: closed", what).isEqualTo(w.closed());
                assertThat(g.filtered() + g.unknown()).as("%s: filtered + unknown", what)
                        .isEqualTo(w.filtered() + w.unknown());
            } else {
                assertThat(g.closed() + g.filtered() + g.unknown()).as("%s: closed + filtered + unknown", what)
                        .isEqualTo(w.closed() + w.filtered() + w.unknown());
            }
        }
    }

    private static Map<String, Alert> byKey(List<Alert> alerts) {
        Map<String, Alert> m = new TreeMap<>();
        for (Alert a : alerts) {
            m.put(a.sources() + " " + a.kind() + " " + a.protocol(), a);
        }
        return m;
    }

    private static String describe(Map<String, Alert> alerts) {
        StringBuilder b = new StringBuilder();
        for (Alert a : alerts.values().stream().sorted(Comparator.comparing(Alert::id)).toList()) {
            b.append(String.format("%s %s %s att=%d o/c/f/u=%d/%d/%d/%d %s; ", a.sources(), a.kind(), a.protocol(),
                    a.attempts(), a.open(), a.closed(), a.filtered(), a.unknown(), a.techniques()));
        }
        return b.toString();
    }

    // --- the tools -----------------------------------------------------------------------------

    /** argus once per capture (about a second each), shared by both ra commands. */
    private Path argusFile(String name) throws IOException, InterruptedException {
        Path out = work.resolve(name + ".argus");
        if (!Files.exists(out)) {
            // -X: the packaged /etc/argus.conf names an output file and status intervals; this run ignores it.
            ToolRunner.run(List.of(ToolRunner.find("argus"), "-X", "-r", pcap(name).toString(), "-w", out.toString()),
                    null, ToolRunner.TOOL_TIMEOUT);
        }
        return out;
    }

    private Path argusCsv(String name) throws IOException, InterruptedException {
        return ra(name, List.of("-Z", "b"), RA_FIELDS, ".ra-flags.csv");
    }

    private Path argusReadmeCsv(String name) throws IOException, InterruptedException {
        return ra(name, List.of(), RA_README_FIELDS, ".ra-readme.csv");
    }

    private Path ra(String name, List<String> options, List<String> fields, String suffix)
            throws IOException, InterruptedException {
        Path argus = argusFile(name);
        Path csv = work.resolve(name + suffix);
        List<String> cmd = new ArrayList<>(List.of(ToolRunner.find("ra"), "-X", "-r", argus.toString(), "-n", "-u"));
        cmd.addAll(options);
        cmd.addAll(List.of("-c", ",", "-s"));
        cmd.addAll(fields);
        ToolRunner.run(cmd, csv, ToolRunner.TOOL_TIMEOUT);
        return csv;
    }

    /**
     * The nfdump files of one capture, made once per capture (by nfpcapd or softflowd, a second or
     * more each) and shared by the CSV and binary readings.
     */
    private Path nfdumpDir(String name, boolean viaSoftflowd) throws IOException, InterruptedException {
        Path dir = work.resolve(name + (viaSoftflowd ? ".softflowd" : ".nfpcapd"));
        if (!Files.isDirectory(dir)) {
            // Made aside and moved into place whole: a failed conversion is never taken for one.
            Path making = Files.createTempDirectory(work, dir.getFileName() + ".making");
            if (viaSoftflowd) {
                ToolRunner.softflowdToNfcapd(pcap(name), making, work);
            } else {
                ToolRunner.run(List.of(ToolRunner.find("nfpcapd"), "-r", pcap(name).toString(), "-w", making.toString()),
                        null, ToolRunner.TOOL_TIMEOUT);
            }
            Files.move(making, dir); // only a finished conversion is reused
        }
        return dir;
    }

    private Path nfdumpCsv(String name, boolean viaSoftflowd) throws IOException, InterruptedException {
        Path dir = nfdumpDir(name, viaSoftflowd);
        Path csv = work.resolve(dir.getFileName() + ".nfdump.csv");
        ToolRunner.run(List.of(ToolRunner.find("nfdump"), "-R", dir.toString(), "-o", "csv"), csv,
                ToolRunner.TOOL_TIMEOUT);
        return csv;
    }

    private Path nfcapdFile(String name, boolean viaSoftflowd) throws IOException, InterruptedException {
        Path dir = nfdumpDir(name, viaSoftflowd);
        List<Path> files;
        try (var found = Files.walk(dir)) {
            files = found.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().startsWith("nfcapd."))
                    .sorted().toList();
        }
        // nfpcapd files by capture time: these captures last seconds, so each fits one 5-minute file.
        // A live nfcapd (behind softflowd) rotates by wall-clock time and may have cut the run in two.
        Assumptions.assumeTrue(!viaSoftflowd || files.size() == 1, name + ": nfcapd rotated mid-run; skipped");
        assertThat(files).as("%s: nfdump files", name).hasSize(1);
        return files.get(0);
    }

    private static Path pcap(String name) {
        return LOOPBACK.resolve(name + ".pcap");
    }

    private static void needCaptures() {
        SharedTraces.require(); // skips the test, saying why, without the shared traces
        Assumptions.assumeTrue(Files.isDirectory(LOOPBACK), "tool equivalence tests skipped: " + LOOPBACK + " is absent");
    }

    private static void needTools(String packages, String... programs) {
        for (String p : programs) {
            if (ToolRunner.find(p) == null) {
                String why = "tool equivalence tests skipped: " + p + " is not installed (apt-get install " + packages
                             + "; .ci/run does)";
                System.err.println(why);
                Assumptions.abort(why);
            }
        }
    }
}
