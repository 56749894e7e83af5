package dev.scanwatch.bench.cost;

import org.junit.jupiter.api.Test;

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

    @Test
    void theBudgetChargesAtLeastWhatEachUnitRetains() {
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::detectorHosts))
                .as("a swept host").isLessThanOrEqualTo(SOURCE_HOST_BYTES + SOURCE_PAIR_BYTES);
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::detectorHostsTwoPorts))
                .as("a swept host on two ports")
                .isLessThanOrEqualTo(SOURCE_HOST_BYTES + SOURCE_HOST_PORTS_BYTES + 2 * SOURCE_PAIR_BYTES);
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::detectorPorts))
                .as("a scanned port").isLessThanOrEqualTo(SOURCE_PORT_BYTES + SOURCE_PAIR_BYTES);
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::detectorSources))
                .as("a source with one attempt")
                .isLessThanOrEqualTo(SOURCE_BASE_BYTES + SOURCE_HOST_BYTES + SOURCE_PORT_BYTES + SOURCE_PAIR_BYTES);
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::pendingProbes))
                .as("a TCP probe awaiting its answer").isLessThanOrEqualTo(CONVERSATION_BYTES);
        assertThat(CostModel.bytesPerEntry(UNITS, CostModel::flowContacts))
                .as("a flow log's first contact, charged as a conversation").isLessThanOrEqualTo(CONVERSATION_BYTES);
    }
}
