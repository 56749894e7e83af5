package dev.scanwatch.cli.config;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;

/**
 * Whether this JVM's heap references are compressed (4 bytes), as the cost model of
 * {@link dev.scanwatch.core.memory.MemoryBudget} was measured. HotSpot stops compressing them
 * from a heap of about 32 GiB, which the launcher gives a {@code --max-memory} of about 31.8 GiB
 * or more; the same state then takes up to a fifth more room.
 */
final class HeapReferences {

    /** Past this heap no JVM compresses references with the default 8-byte object alignment. */
    private static final long LARGEST_COMPRESSED_HEAP = 32L << 30;

    private HeapReferences() {
    }

    static boolean compressed() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot != null) {
                return Boolean.parseBoolean(hotspot.getVMOption("UseCompressedOops").getValue());
            }
        } catch (RuntimeException e) {
            // Not HotSpot, or the option is unknown to it: judge by the heap's size below.
        }
        return Runtime.getRuntime().maxMemory() < LARGEST_COMPRESSED_HEAP;
    }
}
