package dev.scanwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
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
}
