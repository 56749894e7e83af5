package dev.scanwatch.core.memory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MemoryBudgetTest {

    /**
     * With 8-byte references the same state takes up to a fifth more room, so a cap holds a
     * quarter less of it; the cap itself, as the user gave it, does not change.
     */
    @Test
    void wideReferencesHoldLessStateInTheSameCap() {
        MemoryBudget compressed = MemoryBudget.parse("40g");
        MemoryBudget wide = compressed.withCompressedReferences(false);
        assertThat(compressed.compressedReferences()).isTrue();
        assertThat(wide.bytes()).isEqualTo(compressed.bytes());
        assertThat(wide).hasToString("40g");
        double f = MemoryBudget.WIDE_REFERENCE_FACTOR;
        assertThat((double) wide.maxStateBytes()).isCloseTo(compressed.maxStateBytes() / f, within(1.0));
        assertThat((double) wide.maxConversations()).isCloseTo(compressed.maxConversations() / f, within(1.0));
        assertThat((double) wide.maxSources()).isCloseTo(compressed.maxSources() / f, within(1.0));
        assertThat((double) wide.maxTargets()).isCloseTo(compressed.maxTargets() / f, within(1.0));
        assertThat(wide.withCompressedReferences(true)).isEqualTo(compressed);
    }

    @Test
    void aParsedCapAssumesCompressedReferencesAsTheDefaultDoes() {
        assertThat(MemoryBudget.parse("512m")).isEqualTo(MemoryBudget.DEFAULT);
        assertThat(MemoryBudget.DEFAULT.compressedReferences()).isTrue();
    }
}
