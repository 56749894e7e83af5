package dev.scanwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void aFileProblemIsDescribedByFileAndReason() {
        assertThat(Bench.describe(new NoSuchFileException("/no/such/dir/x.pcap")))
                .isEqualTo("/no/such/dir/x.pcap: no such file or directory");
        assertThat(Bench.describe(new UncheckedIOException(new AccessDeniedException("/root/x.pcap"))))
                .isEqualTo("/root/x.pcap: permission denied");
        assertThat(Bench.describe(new InvalidPathException("a\0b", "Nul character not allowed")))
                .contains("Nul character not allowed");
        assertThat(Bench.describe(new IOException("disk full"))).isEqualTo("disk full");
    }

    @Test
    void generateSaysWhatIsWrongWithAnOptionInOneLine() throws IOException {
        assertThat(generate("--out")).isEqualTo("generate: --out needs a value");
        assertThat(generate("--out", "/tmp/x.pcap", "--packets", "many"))
                .startsWith("generate: --packets needs a whole number");
        assertThat(generate("--out", "/tmp/x.pcap", "--overlap", "0"))
                .isEqualTo("generate: --packets and --overlap must be at least 1");
        assertThat(generate("--out", "/tmp/x.pcap", "--format", "erf"))
                .isEqualTo("generate: --format is pcap or pcapng, not erf");
        assertThat(generate("--packets", "10")).isEqualTo("generate: --out FILE is required");
    }

    /** What generate printed, when it refused its options (exit 2) before writing anything. */
    private static String generate(String... args) throws IOException {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Bench.generate(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
    }
}
