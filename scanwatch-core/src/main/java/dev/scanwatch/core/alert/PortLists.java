package dev.scanwatch.core.alert;

import it.unimi.dsi.fastutil.ints.IntCollection;

import java.util.Arrays;
import java.util.List;

/** Ports as alerts list them: sorted, at most a given number. Sorting happens per alert, not per attempt. */
public final class PortLists {

    private PortLists() {
    }

    public static List<Integer> firstSorted(IntCollection ports, int max) {
        if (ports == null || ports.isEmpty()) {
            return List.of();
        }
        int[] sorted = ports.toIntArray();
        Arrays.sort(sorted);
        // A plain loop, not a boxed stream: this runs once per alert event, and the stream
        // pipeline was one of the costliest methods for the JIT to compile (120 ms of C2 time).
        int n = Math.min(max, sorted.length);
        Integer[] first = new Integer[n];
        for (int i = 0; i < n; i++) {
            first[i] = sorted[i];
        }
        return List.of(first);
    }
}
