package dev.scanwatch.bench.cost;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.scanwatch.core.memory.MemoryBudget;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.scanwatch.core.memory.MemoryBudget.CONVERSATION_BYTES;
import static dev.scanwatch.core.memory.MemoryBudget.SOURCE_BASE_BYTES;
import static dev.scanwatch.core.memory.MemoryBudget.SOURCE_HOST_BYTES;
import static dev.scanwatch.core.memory.MemoryBudget.SOURCE_HOST_PORTS_BYTES;
import static dev.scanwatch.core.memory.MemoryBudget.SOURCE_PAIR_BYTES;
import static dev.scanwatch.core.memory.MemoryBudget.SOURCE_PORT_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory cap holds only if the budget's figures are at least what each unit of state really
 * retains: an under-estimate lets the state outgrow the cap by the same factor. The budget once
 * charged a swept host 112 bytes while it retained 146, because the cost model averaged in the
 * hosts past the exact limit, which cost nothing.
 */
class CostModelTest {

    /** Enough units that the heap's growth dwarfs the noise of a collection (several MiB each). */
    private static final int UNITS = 40_000;

    /** Each unit of state the budget charges, with what it charges. */
    private record Unit(String what, java.util.function.IntFunction<Object> build, long charged) {
    }

    private static final List<Unit> UNITS_CHARGED = List.of(
            new Unit("a swept host", CostModel::detectorHosts, SOURCE_HOST_BYTES + SOURCE_PAIR_BYTES),
            new Unit("a swept host on two ports", CostModel::detectorHostsTwoPorts,
                    SOURCE_HOST_BYTES + SOURCE_HOST_PORTS_BYTES + 2 * SOURCE_PAIR_BYTES),
            new Unit("a scanned port", CostModel::detectorPorts, SOURCE_PORT_BYTES + SOURCE_PAIR_BYTES),
            new Unit("a source with one attempt", CostModel::detectorSources,
                    SOURCE_BASE_BYTES + SOURCE_HOST_BYTES + SOURCE_PORT_BYTES + SOURCE_PAIR_BYTES),
            new Unit("a TCP probe awaiting its answer", CostModel::pendingProbes, CONVERSATION_BYTES),
            new Unit("a flow log's first contact, charged as a conversation", CostModel::flowContacts,
                    CONVERSATION_BYTES));

    @Test
    void theBudgetChargesAtLeastWhatEachUnitRetains() {
        for (Unit u : UNITS_CHARGED) {
            assertThat(CostModel.bytesPerEntry(UNITS, u.build())).as(u.what()).isLessThanOrEqualTo(u.charged());
        }
    }

    /**
     * From a heap of about 32 GiB references take 8 bytes, and the budget holds
     * {@link MemoryBudget#WIDE_REFERENCE_FACTOR} times less state: each unit, measured in a JVM
     * without compressed references, must fit its charge times that factor.
     */
    @Test
    void withWideReferencesEachUnitFitsItsChargeTimesTheFactor() throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-UseCompressedOops", "-cp", System.getProperty("java.class.path"), CostModelTest.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).hasSize(UNITS_CHARGED.size() + 1).first().isEqualTo("compressed=false");
        for (int i = 0; i < UNITS_CHARGED.size(); i++) {
            Unit u = UNITS_CHARGED.get(i);
            assertThat(Double.parseDouble(lines.get(i + 1))).as(u.what() + ", 8-byte references")
                    .isGreaterThan(0)
                    .isLessThanOrEqualTo(u.charged() * MemoryBudget.WIDE_REFERENCE_FACTOR);
        }
    }

    /** The child of the test above: whether its references are compressed, then each unit's bytes, a line each. */
    public static void main(String[] args) {
        System.out.println("compressed=" + ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .getVMOption("UseCompressedOops").getValue());
        for (Unit u : UNITS_CHARGED) {
            System.out.println(CostModel.bytesPerEntry(UNITS, u.build()));
        }
    }
}
