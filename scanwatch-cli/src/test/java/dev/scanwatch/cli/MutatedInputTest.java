package dev.scanwatch.cli;

import dev.scanwatch.io.capture.CaptureBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static dev.scanwatch.io.capture.CaptureBuilder.ACK;
import static dev.scanwatch.io.capture.CaptureBuilder.RST;
import static dev.scanwatch.io.capture.CaptureBuilder.SYN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a clear error or a warning, never a crash: captures and flow logs with bytes
 * flipped, lengths broken and tails cut go through the real command, and every run must end
 * with exit 0 or 1 and no internal error. Seeded, so a failure reproduces.
 */
class MutatedInputTest {

    private static final long SEED = 20261122L;
    private static final int RUNS_PER_INPUT = 150;

    @TempDir
    Path dir;

    private static byte[] capture(CaptureBuilder b) {
        long t = 1_780_000_000L * 1_000_000_000L;
        for (int h = 1; h <= 30; h++) {
            b.tcp("198.51.100.7", 40000, "10.1.0." + h, 445, SYN).atNanos(t + h * 1_000_000L);
            b.tcp("10.1.0." + h, 445, "198.51.100.7", 40000, RST | ACK).atNanos(t + h * 1_000_000L + 1000);
        }
        return b.bytes();
    }

    private void assertSurvives(String name, byte[] original) throws IOException {
        Random random = new Random(SEED ^ name.hashCode());
        for (int run = 0; run < RUNS_PER_INPUT; run++) {
            byte[] bytes = mutate(original, random);
            Path file = dir.resolve(name + "-" + run);
            Files.write(file, bytes);
            Run r = Run.of("analyze", "--json", file.toString());
            assertThat(r.exit()).as("exit of %s run %d (stderr: %s)", name, run, r.err()).isIn(0, 1);
            assertThat(r.err()).as("stderr of %s run %d", name, run).doesNotContain("internal error", "Exception", "\tat ");
            Files.delete(file);
        }
    }

    /** One to four flips, a broken length-like word, or a cut tail. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] b = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = random.nextInt(4); i >= 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                int at = random.nextInt(Math.max(1, b.length - 4));
                int value = random.nextBoolean() ? -1 : random.nextInt();
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    b[at + i] = (byte) (value >>> (8 * i));
                }
            }
            case 2 -> b = Arrays.copyOf(b, random.nextInt(b.length));
            default -> {
                for (int i = 0; i < 16; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    @Test
    void mutatedPcapNeverCrashes() throws IOException {
        assertSurvives("pcap", capture(CaptureBuilder.pcap()));
    }

    @Test
    void mutatedPcapngNeverCrashes() throws IOException {
        assertSurvives("pcapng", capture(CaptureBuilder.pcapng()));
    }

    @Test
    void mutatedZeekLogNeverCrashes() throws IOException {
        StringBuilder log = new StringBuilder("#separator \\x09\n#path\tconn\n"
                + "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes"
                + "\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes"
                + "\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n");
        for (int h = 1; h <= 30; h++) {
            log.append("1780000000.").append(100 + h).append("\tC").append(h).append("\t198.51.100.7\t40000\t10.1.0.")
               .append(h).append("\t445\ttcp\t-\t0.001\t0\t0\tREJ\t-\t-\t0\tSr\t1\t44\t1\t40\t-\n");
        }
        assertSurvives("zeek", log.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mutatedArgusCsvNeverCrashes() throws IOException {
        StringBuilder csv = new StringBuilder("StartTime,LastTime,SrcAddr,Sport,DstAddr,Dport,Proto,State,SrcPkts,DstPkts,"
                + "SrcBytes,DstBytes\n");
        for (int h = 1; h <= 30; h++) {
            csv.append("1780000000.").append(100 + h).append(",1780000000.").append(101 + h)
               .append(",198.51.100.7,40000,10.1.0.").append(h).append(",445,tcp,S_RA,1,1,60,54\n");
        }
        assertSurvives("argus", csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
