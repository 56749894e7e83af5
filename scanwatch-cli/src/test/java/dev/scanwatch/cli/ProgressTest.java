package dev.scanwatch.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void drawsRecordsRateShareAndEtaThenClears() throws Exception {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), "big.pcap", 400L << 20);
        try (InputStream in = p.count(new ByteArrayInputStream(new byte[100 << 20]))) {
            in.readAllBytes(); // a quarter of the file
        }
        for (int i = 0; i < 2_000_000; i++) {
            p.tick();
        }
        p.draw(p.startNanos + 2_000_000_000L); // two seconds in
        assertThat(out.toString()).endsWith("\rbig.pcap: 2.0 M records, 1.0 M/s, 25 % of 400 MiB, ETA 0:06   ");
        p.done();
        assertThat(out.toString()).endsWith("\r" + " ".repeat(100) + "\r");
    }
}
