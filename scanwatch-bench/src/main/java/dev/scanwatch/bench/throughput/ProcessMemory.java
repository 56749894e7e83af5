package dev.scanwatch.bench.throughput;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size from /proc, and peak heap from the JVM's memory pools. */
final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");
    /** Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0 and later). */
    private static final String RESET_PEAK_RSS = "5";
    private static final long KIB = 1024;

    private ProcessMemory() {
    }

    /** Peak RSS in bytes (VmHWM), or -1 where /proc is not there. */
    static long peakRss() {
        return statusField("VmHWM:");
    }

    static long rss() {
        return statusField("VmRSS:");
    }

    private static long statusField(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]) * KIB;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** Starts a new peak, so each run's VmHWM is its own; false when the kernel does not allow it. */
    static boolean resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        try {
            Files.writeString(CLEAR_REFS, RESET_PEAK_RSS);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The sum of the heap pools' peaks since {@link #resetPeaks}: an upper bound of the peak heap,
     * since the young and old generations need not peak at the same moment.
     */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Heap in use after full collections, i.e. what is still reachable. */
    static long retainedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
