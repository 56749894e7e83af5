package dev.scanwatch.io.flow;

import dev.scanwatch.io.SharedTraces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flow readers on the real logs of ../shared/traces (skipped when absent). */
class FlowSharedFilesTest {

    private static final String SLIPS = "public/slips-dataset/";
    private static final String LOOPBACK = "loopback/derived/";

    private record Read(FlowReader.Result result, List<Attempt> attempts) {
        Set<String> destinations(String src) {
            return attempts.stream().filter(a -> a.src().equals(IpAddress.parse(src)))
                    .map(a -> a.dst().toString()).collect(Collectors.toCollection(TreeSet::new));
        }

        Set<Integer> openPorts(String src) {
            return attempts.stream().filter(a -> a.src().equals(IpAddress.parse(src)) && a.outcome() == Outcome.OPEN)
                    .map(Attempt::port).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Read read(String relative) throws IOException {
        Path file = SharedTraces.require().resolve(relative);
        assumeTrue(Files.isRegularFile(file), "no " + file + "; skipping");
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(64 * 1024);
        }
        FlowFormat format = FlowReader.detect(head, head.length);
        assertThat(format).as("format of %s", relative).isNotNull();
        List<Attempt> out = new ArrayList<>();
        FlowReader.Result r;
        try (InputStream in = Files.newInputStream(file)) {
            r = FlowReader.read(file.toString(), in, format, out::add);
        }
        assertThat(r.problem()).as("problem reading %s", relative).isNull();
        assertThat(r.skipped().count(SkipReason.MALFORMED)).as("malformed in %s: %s", relative, r.skipped()).isZero();
        assertThat(r.records()).as("records = attempts + skipped in %s", relative)
                .isEqualTo(r.attempts() + r.skipped().total());
        return new Read(r, out);
    }

    @Test
    void horizontalZeekSweep() throws IOException {
        Read r = read(SLIPS + "port-scans/horizontal/conn.log");
        assertThat(r.result().format()).isEqualTo(FlowFormat.ZEEK_CONN);
        long port80Hosts = r.attempts().stream()
                .filter(a -> a.src().equals(IpAddress.parse("10.0.2.112")) && a.port() == 80)
                .map(Attempt::dst).distinct().count();
        assertThat(port80Hosts).isBetween(20L, 30L);
    }

    @Test
    void verticalZeekJsonScan() throws IOException {
        Read r = read(SLIPS + "port-scans/vertical/conn.log");
        assertThat(r.result().format()).isEqualTo(FlowFormat.ZEEK_CONN_JSON);
        List<Attempt> scan = r.attempts().stream()
                .filter(a -> a.src().equals(IpAddress.parse("192.168.1.9")) && a.dst().equals(IpAddress.parse("45.33.32.156")))
                .toList();
        assertThat(scan.stream().map(Attempt::port).distinct().count()).isEqualTo(44);
        assertThat(scan.stream().filter(a -> a.outcome() == Outcome.CLOSED).count()).isEqualTo(43);
        assertThat(scan).filteredOn(a -> a.outcome() == Outcome.OPEN)
                .allSatisfy(a -> assertThat(a.technique().label()).isEqualTo("connect"));
    }

    @Test
    void binetflowSweeps() throws IOException {
        Read test3 = read(SLIPS + "test3-mixed.binetflow");
        assertThat(test3.destinations("46.166.151.160")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(test3.destinations("216.73.23.146")).hasSizeGreaterThanOrEqualTo(10);
        Read test4 = read(SLIPS + "test4-malicious.binetflow");
        long failed = test4.attempts().stream()
                .filter(a -> a.src().equals(IpAddress.parse("192.168.2.12")) && a.protocol() == Protocol.TCP
                             && a.outcome().isFailure())
                .map(Attempt::dst).distinct().count();
        assertThat(failed).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {"test10-mixed-zeek-dir/conn.log", "test9-mixed-zeek-dir/conn.log",
        "test13-malicious-dhcpscan-zeek-dir/conn.log", "test11-portscan.binetflow"})
    void parserMaterialReadsCleanly(String file) throws IOException {
        Read r = read(SLIPS + file);
        assertThat(r.result().records()).isPositive();
        assertThat(r.result().attempts()).isPositive();
    }

    @Test
    void loopbackSynScanFromArgusAndNetflowMatchesTheTruth() throws IOException {
        Set<Integer> truthOpen = null;
        for (String file : List.of("argus/scan_syn.argus.csv", "netflow/scan_syn.v5.csv", "netflow/scan_syn.v9.csv")) {
            Read r = read(LOOPBACK + file);
            assertThat(r.destinations("127.66.0.1")).as(file).containsExactly("127.0.0.1");
            Set<Integer> open = r.openPorts("127.66.0.1");
            assertThat(open).as(file).hasSize(8);
            if (truthOpen == null) {
                truthOpen = open;
            }
            assertThat(open).as("same open ports in %s", file).isEqualTo(truthOpen);
            long ports = r.attempts().stream().map(Attempt::port).distinct().count();
            assertThat(ports).as(file).isEqualTo(1000);
        }
    }

    @Test
    void everyLoopbackFlowLogReadsCleanly() throws IOException {
        Path dir = SharedTraces.require().resolve(LOOPBACK);
        assumeTrue(Files.isDirectory(dir), "no " + dir + "; skipping");
        List<String> files;
        try (Stream<Path> s = Stream.concat(Files.list(dir.resolve("argus")), Files.list(dir.resolve("netflow")))) {
            files = s.filter(p -> p.toString().endsWith(".csv")).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (String f : files) {
            Read r = read(LOOPBACK + f);
            if (f.contains("scan_") || f.contains("sweep_")) {
                String scanner = f.contains("scan_decoy") ? "127.66.0.12" : null;
                assertThat(r.attempts()).as(f).anySatisfy(a -> assertThat(a.src().toString()).startsWith("127.66.0."));
                if (scanner != null) {
                    assertThat(r.destinations(scanner)).as(f).containsExactly("127.0.0.1");
                }
            }
        }
    }

    /** nfdump's binary files and their CSV export (nfdump -r FILE -o csv) give the same attempts. */
    @Test
    void nfcapdFilesGiveWhatTheirCsvGives() throws IOException {
        Path dir = SharedTraces.require().resolve(LOOPBACK + "netflow");
        assumeTrue(Files.isDirectory(dir), "no " + dir + "; skipping");
        List<Path> binaries;
        try (Stream<Path> files = Files.list(dir)) {
            binaries = files.filter(f -> f.toString().endsWith(".nfcapd")).sorted().toList();
        }
        assertThat(binaries).isNotEmpty();
        int compared = 0;
        for (Path binary : binaries) {
            String name = binary.getFileName().toString();
            String csv = name.substring(0, name.length() - ".nfcapd".length()) + ".csv";
            if (!Files.isRegularFile(dir.resolve(csv))) {
                continue;
            }
            Read fromBinary = read(LOOPBACK + "netflow/" + name);
            Read fromCsv = read(LOOPBACK + "netflow/" + csv);
            assertThat(fromBinary.result().format()).isEqualTo(FlowFormat.NFCAPD);
            assertThat(fromBinary.result().records()).as(name).isEqualTo(fromCsv.result().records());
            assertThat(contacts(fromBinary)).as(name).isEqualTo(contacts(fromCsv));
            compared++;
        }
        assertThat(compared).isGreaterThan(20);
    }

    /** An nfdump 1.6 file (layout 1) gives what nfdump 1.7's CSV export of it gives (when nfdump is installed). */
    @Test
    void nfdump16FileGivesWhatItsCsvGives() throws IOException, InterruptedException {
        Path nfdump = nfdump();
        String name = SLIPS + "test1-malicious.nfdump";
        Path original = SharedTraces.require().resolve(name);
        assumeTrue(Files.isRegularFile(original), "no " + original + "; skipping");
        Path csv = Files.createTempFile("scanwatch-nfdump16", ".csv");
        try {
            Process p = new ProcessBuilder(nfdump.toString(), "-r", original.toString(), "-o", "csv")
                    .redirectOutput(csv.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Read binary = read(name);
            List<Attempt> fromCsv = new ArrayList<>();
            FlowReader.Result r;
            try (InputStream in = Files.newInputStream(csv)) {
                r = FlowReader.read(csv.toString(), in, FlowFormat.NFDUMP_CSV, fromCsv::add);
            }
            assertThat(binary.result().records()).isEqualTo(r.records()).isEqualTo(4593);
            assertThat(contacts(binary)).isEqualTo(contacts(new Read(r, fromCsv)));
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static Path nfdump() {
        Path nfdump = Stream.of("/usr/bin/nfdump", "/usr/local/bin/nfdump").map(Path::of).filter(Files::isExecutable)
                .findFirst().orElse(null);
        assumeTrue(nfdump != null, "nfdump is not installed (apt-get install nfdump; .ci/run does); skipping");
        return nfdump;
    }

    /** nfdump's own LZO, LZ4 and BZ2 files (rewritten here by nfdump, when installed) read as the uncompressed one. */
    @ParameterizedTest
    @ValueSource(strings = {"-z", "-y", "-j"})
    void nfdumpCompressedFilesGiveWhatTheUncompressedGives(String flag) throws IOException, InterruptedException {
        Path nfdump = nfdump();
        String name = LOOPBACK + "netflow/scan_connect.v9.nfcapd";
        Path original = SharedTraces.require().resolve(name);
        assumeTrue(Files.isRegularFile(original), "no " + original + "; skipping");
        Path packed = Files.createTempFile("scanwatch-nfcapd", flag + ".nfcapd");
        try {
            Process p = new ProcessBuilder(nfdump.toString(), "-r", original.toString(), flag, "-w", packed.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            byte[] head = Files.readAllBytes(packed);
            assertThat(head[16] & 0x0F).as("compression type in the header").isEqualTo(switch (flag) {
                case "-z" -> 1;
                case "-j" -> 2;
                default -> 3;
            });
            List<Attempt> fromPacked = new ArrayList<>();
            FlowReader.Result r;
            try (InputStream in = Files.newInputStream(packed)) {
                r = FlowReader.read(packed.toString(), in, FlowFormat.NFCAPD, fromPacked::add);
            }
            assertThat(r.problem()).isNull();
            assertThat(contacts(new Read(r, fromPacked))).isNotEmpty().isEqualTo(contacts(read(name)));
        } finally {
            Files.deleteIfExists(packed);
        }
    }

    /**
     * Each attempt as source, destination, protocol, port and outcome, sorted: what the detectors
     * count. Unanswered is one class: the CSV has whole seconds where the file has milliseconds, so
     * at the end of input the CSV cannot tell how long answers took and calls a probe still waiting
     * UNKNOWN where the file, like the capture, calls it FILTERED.
     */
    private static List<String> contacts(Read r) {
        return r.attempts().stream().map(a -> a.src() + ">" + a.dst() + " " + a.protocol() + "/" + a.port() + " "
                + (a.outcome() == Outcome.FILTERED || a.outcome() == Outcome.UNKNOWN ? "UNANSWERED" : a.outcome()))
                .sorted().toList();
    }
}
