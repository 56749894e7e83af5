package dev.scanwatch.core.alert;

import java.util.List;

/** Renders sorted ports compactly: {@code 1-1000}, {@code 80,443,8080-8090}. */
public final class PortRanges {

    private PortRanges() {
    }

    /**
     * @param sorted    ports in ascending order, no duplicates
     * @param maxRanges ranges to print before cutting short with ",..." (the caller says how many were left)
     */
    public static String format(List<Integer> sorted, int maxRanges) {
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
            if (ranges > 0) {
                sb.append(',');
            }
            sb.append(start);
            if (end != start) {
                sb.append('-').append(end);
            }
            ranges++;
        }
        return sb.toString();
    }
}
