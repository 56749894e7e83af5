package dev.scanwatch.bench;

import dev.scanwatch.core.memory.MemoryBudget;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM options the {@code ./scanwatch} launcher gives the CLI unless {@code SCANWATCH_JAVA_OPTS}
 * names its own, so that the bench's child JVMs run the analysis as users do.
 * {@code LauncherOptionsTest} holds these to the launcher's text.
 */
public final class LauncherOptions {

    /** The collector (docs/DECISIONS.md §12). */
    public static final String GC = "-XX:+UseParallelGC";
    /** The inlining limit for hot methods (§13). */
    public static final String INLINING = "-XX:FreqInlineSize=100";
    /** The thresholds for C2 (§14). */
    public static final String C2_THRESHOLDS =
            "-XX:Tier4InvocationThreshold=200000 -XX:Tier4CompileThreshold=600000 -XX:Tier4BackEdgeThreshold=1600000";

    /**
     * The heap beyond the state's cap (§15): what the flood test's JVM allowance leaves once its
     * non-heap reserve is set aside.
     */
    public static final long HEAP_ALLOWANCE_MIB = 160;

    private LauncherOptions() {
    }

    /** The launcher's heap for a state capped at {@code capBytes}: the cap in MiB, rounded up, plus the allowance. */
    public static String heap(long capBytes) {
        return "-Xmx" + ((capBytes + (1 << 20) - 1 >> 20) + HEAP_ALLOWANCE_MIB) + "m";
    }

    /**
     * The launcher's options that {@code given} does not override, for a run at the default cap,
     * as the launcher decides it: any collector, any {@code FreqInlineSize}, any {@code Tier4}
     * option, or any option that sizes the heap (its maximum, its initial size, or a share of the
     * machine) replaces that default.
     */
    public static List<String> defaultsNotIn(List<String> given) {
        List<String> out = new ArrayList<>();
        if (given.stream().noneMatch(o -> o.matches("-Xm[xs].*|-XX:(MaxHeapSize|InitialHeapSize|MinHeapSize|\\w*RAM"
                + "|\\w*RAMPercentage|\\w*RAMFraction)=.*"))) {
            out.add(heap(MemoryBudget.DEFAULT.bytes()));
        }
        out.addAll(collectorAndJitNotIn(given));
        return out;
    }

    private static List<String> collectorAndJitNotIn(List<String> given) {
        List<String> out = new ArrayList<>();
        if (given.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) {
            out.add(GC);
        }
        if (given.stream().noneMatch(o -> o.startsWith("-XX:FreqInlineSize="))) {
            out.add(INLINING);
        }
        if (given.stream().noneMatch(o -> o.startsWith("-XX:Tier4"))) {
            out.addAll(c2Thresholds());
        }
        return out;
    }

    /** The JIT's options without the collector or the heap: for a child that chooses those apart. */
    public static List<String> compilation() {
        return collectorAndJitNotIn(List.of(GC));
    }

    private static List<String> c2Thresholds() {
        return List.of(C2_THRESHOLDS.split(" "));
    }
}
