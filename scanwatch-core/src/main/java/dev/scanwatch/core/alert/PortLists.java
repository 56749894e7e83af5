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
        return Arrays.stream(sorted, 0, Math.min(max, sorted.length)).boxed().toList();
    }
}
