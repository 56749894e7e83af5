package dev.scanwatch.core.alert;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class PortRangesTest {

    @Test
    void rangesAndSinglePortsAreCompact() {
        assertThat(PortRanges.format(List.of(), 8)).isEmpty();
        assertThat(PortRanges.format(List.of(22), 8)).isEqualTo("22");
        assertThat(PortRanges.format(List.of(80, 443, 8080, 8081, 8082), 8)).isEqualTo("80,443,8080-8082");
        assertThat(PortRanges.format(range(1, 1000), 8)).isEqualTo("1-1000");
        assertThat(PortRanges.format(List.of(1, 3, 5, 7), 2)).isEqualTo("1,3,...");
        assertThat(PortRanges.format(List.of(1, 3), 2)).isEqualTo("1,3");
    }

    @Test
    void agreesWithAWalkOverEveryPort() {
        Random random = new Random(5);
        for (int round = 0; round < 5_000; round++) {
            TreeSet<Integer> ports = new TreeSet<>();
            int runs = 1 + random.nextInt(12);
            for (int r = 0; r < runs; r++) {
                int start = random.nextInt(65_535) + 1;
                int length = random.nextInt(4) == 0 ? 1 + random.nextInt(300) : 1 + random.nextInt(3);
                for (int p = start; p < start + length && p <= 65_535; p++) {
                    ports.add(p);
                }
            }
            List<Integer> sorted = List.copyOf(ports);
            int maxRanges = 1 + random.nextInt(10);
            assertThat(PortRanges.format(sorted, maxRanges)).as("%s, %d", sorted, maxRanges)
                    .isEqualTo(walk(sorted, maxRanges));
        }
    }

    /** The plain algorithm: extend each run one port at a time. */
    private static String walk(List<Integer> sorted, int maxRanges) {
        StringBuilder sb = new StringBuilder();
        int ranges = 0;
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            i++;
            if (ranges == maxRanges) {
                sb.append(",...");
                break;
            }
            sb.append(ranges > 0 ? "," : "").append(start).append(end != start ? "-" + end : "");
            ranges++;
        }
        return sb.toString();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> ports = new ArrayList<>();
        for (int p = from; p <= to; p++) {
            ports.add(p);
        }
        return ports;
    }
}
