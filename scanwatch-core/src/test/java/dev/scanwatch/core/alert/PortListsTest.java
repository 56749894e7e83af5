package dev.scanwatch.core.alert;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PortListsTest {

    @Test
    void listsTheLowestPortsInOrderWhateverTheSize() {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 2, 63, 64, 65, 1000, 5000}) {
            IntOpenHashSet ports = new IntOpenHashSet();
            while (ports.size() < size) {
                ports.add(random.nextInt(1 << 16));
            }
            for (int max : new int[] {1, 10, 1024, 100_000}) {
                List<Integer> expected = ports.intStream().sorted().limit(max).boxed().toList();
                assertThat(PortLists.firstSorted(ports, max)).as("%d ports, at most %d", size, max)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void keepsTheEdgesOfThePortRange() {
        IntOpenHashSet ports = new IntOpenHashSet(IntStream.rangeClosed(65_400, 65_535).toArray());
        ports.add(0);
        List<Integer> listed = PortLists.firstSorted(ports, 1024);
        assertThat(listed).hasSize(137).startsWith(0, 65_400).endsWith(65_535);
    }

    @Test
    void aNarrowBandAnywhereInTheRange() {
        for (int start : new int[] {1, 63, 64, 1001, 65_400}) {
            int[] band = IntStream.range(start, Math.min(start + 100, 65_536)).map(i -> 2 * start + 99 - i).toArray();
            IntOpenHashSet ports = new IntOpenHashSet(band);
            List<Integer> expected = IntStream.of(band).sorted().limit(50).boxed().toList();
            assertThat(PortLists.firstSorted(ports, 50)).as("from %d", start).isEqualTo(expected);
        }
    }

    @Test
    void valuesOutsideThePortRangeAreSortedAllTheSame() {
        IntArrayList values = new IntArrayList(IntStream.range(0, 100).map(i -> 99 - i).toArray());
        values.add(-5);
        values.add(70_000);
        List<Integer> listed = PortLists.firstSorted(values, 3);
        assertThat(listed).containsExactly(-5, 0, 1);
    }
}
