package dev.scanwatch.core.alert;

import it.unimi.dsi.fastutil.ints.IntCollection;
import it.unimi.dsi.fastutil.ints.IntIterator;

import java.util.Arrays;
import java.util.List;

/** Ports as alerts list them: sorted, at most a given number. Sorting happens per alert, not per attempt. */
public final class PortLists {

    private PortLists() {
    }

    /** Below this many ports a sort is cheapest; above, one pass over a bitmap of every port. */
    private static final int SORT_AT_MOST = 64;
    private static final int PORTS = 1 << 16;

    public static List<Integer> firstSorted(IntCollection ports, int max) {
        if (ports == null || ports.isEmpty()) {
            return List.of();
        }
        int[] sorted = ports.size() <= SORT_AT_MOST ? null : viaBitmap(ports, Math.min(max, ports.size()));
        if (sorted == null) {
            sorted = ports.toIntArray();
            Arrays.sort(sorted);
        }
        // A plain loop, not a boxed stream: this runs once per alert event, and the stream
        // pipeline was one of the costliest methods for the JIT to compile (120 ms of C2 time).
        int n = Math.min(max, sorted.length);
        Integer[] first = new Integer[n];
        for (int i = 0; i < n; i++) {
            first[i] = sorted[i];
        }
        return List.of(first);
    }

    /**
     * The {@code n} lowest ports in order, by marking them in a 64 Ki-bit map and reading it back:
     * linear where sorting a port scan's thousand ports at every alert event was 3 % of a warm
     * profile. Null when a value is no port (the caller sorts instead).
     */
    private static int[] viaBitmap(IntCollection ports, int n) {
        long[] bits = new long[PORTS / Long.SIZE];
        for (IntIterator it = ports.iterator(); it.hasNext(); ) {
            int p = it.nextInt();
            if (p < 0 || p >= PORTS) {
                return null;
            }
            bits[p >>> 6] |= 1L << p;
        }
        int[] out = new int[n];
        int k = 0;
        for (int w = 0; w < bits.length && k < n; w++) {
            for (long word = bits[w]; word != 0 && k < n; word &= word - 1) {
                out[k++] = (w << 6) | Long.numberOfTrailingZeros(word);
            }
        }
        return out;
    }
}
