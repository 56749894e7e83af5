package dev.scanwatch.core.alert;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryLineTest {

    private static long nanos(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void matchesTheUpstreamAbuseReport() {
        String line = SummaryLine.of(ScanKind.PORTSWEEP, Protocol.TCP, 24, List.of(445), 1,
                IpAddress.parse("32.42.39.128"), IpAddress.parse("32.42.39.174"),
                nanos("2000-06-01T03:20:30.250Z"), nanos("2000-06-01T03:20:30.900Z"));
        assertThat(line).isEqualTo(
                "[TCP-SWEEP] (total=24,dp=445,min=32.42.39.128,max=32.42.39.174,Jun01-03:20:30,Jun01-03:20:30)");
    }

    @Test
    void scansCompressPortRangesAndSayHowManyWhenCut() {
        List<Integer> ports = IntStream.rangeClosed(1, 1000).boxed().toList();
        String line = SummaryLine.of(ScanKind.PORTSCAN, Protocol.UDP, 1000, ports, 1000,
                IpAddress.parse("127.0.0.1"), IpAddress.parse("127.0.0.1"),
                nanos("2026-11-22T15:31:48Z"), nanos("2026-11-22T15:33:01Z"));
        assertThat(line).isEqualTo(
                "[UDP-SCAN] (total=1000,dp=1-1000,min=127.0.0.1,max=127.0.0.1,Nov22-15:31:48,Nov22-15:33:01)");

        List<Integer> sparse = IntStream.rangeClosed(1, 20).map(i -> i * 10).boxed().toList();
        String cut = SummaryLine.of(ScanKind.PORTSCAN, Protocol.TCP, 20, sparse, 20,
                IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.1"), 0, 0);
        assertThat(cut).startsWith("[TCP-SCAN] (total=20,dp=10,20,30,40,50,60,70,80,...(20 ports),min=10.0.0.1");
    }

    @Test
    void icmpSweepsHaveNoPorts() {
        String line = SummaryLine.of(ScanKind.PORTSWEEP, Protocol.ICMP, 256, List.of(), 0,
                IpAddress.parse("10.0.0.0"), IpAddress.parse("10.0.0.255"), 0, 0);
        assertThat(line).isEqualTo("[ICMP-SWEEP] (total=256,min=10.0.0.0,max=10.0.0.255,Jan01-00:00:00,Jan01-00:00:00)");
    }

    @Test
    void timesReadAsTheLibraryFormatterWritesThem() {
        DateTimeFormatter library = DateTimeFormatter.ofPattern("MMMdd-HH:mm:ss", Locale.ENGLISH).withZone(ZoneOffset.UTC);
        Random random = new Random(11);
        List<Long> instants = new ArrayList<>(List.of(0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE + 1_000_000_000L,
                nanos("2024-02-29T23:59:59.999Z"), nanos("2026-12-31T23:59:59Z"), nanos("1969-12-31T23:59:59.5Z")));
        for (int i = 0; i < 10_000; i++) {
            instants.add(random.nextLong());
        }
        for (long t : instants) {
            String expected = library.format(Instant.ofEpochSecond(Math.floorDiv(t, 1_000_000_000L)));
            assertThat(SummaryLine.time(t)).as("%d ns", t).isEqualTo(expected);
        }
    }

    @Test
    void portRanges() {
        assertThat(PortRanges.format(List.of(21, 22, 23, 80, 443, 8000, 8001), 8)).isEqualTo("21-23,80,443,8000-8001");
        assertThat(PortRanges.format(List.of(1, 3, 5), 2)).isEqualTo("1,3,...");
        assertThat(PortRanges.format(List.of(), 2)).isEmpty();
    }
}
