package dev.scanwatch.core.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialTestTest {

    private final SequentialTest trw = SequentialTest.defaults();

    @Test
    void publishedParametersDecideAfterFourFailures() {
        // theta0 0.8, theta1 0.2: each failure multiplies the ratio by 4, each success by 1/4;
        // the scanner bound is 99, so 4^4 = 256 is the first to cross it.
        assertThat(trw.failuresToDecide()).isEqualTo(4);
        assertThat(Math.exp(trw.failureStep())).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Math.exp(trw.successStep())).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
        double walk = 0;
        for (int i = 0; i < 3; i++) {
            walk = trw.step(walk, true);
        }
        assertThat(walk).isLessThan(trw.scannerBound());
        assertThat(trw.step(walk, true)).isGreaterThanOrEqualTo(trw.scannerBound());
    }

    @Test
    void benignVerdictRestartsTheWalk() {
        double walk = 0;
        for (int i = 0; i < 3; i++) {
            walk = trw.step(walk, false); // 1/64 > 0.0101: not yet
        }
        assertThat(walk).isLessThan(0);
        assertThat(trw.step(walk, false)).isZero(); // 1/256 is below the benign bound: restart
    }

    @Test
    void rejectsParametersThatCannotSeparate() {
        assertThatThrownBy(() -> new SequentialTest(0.2, 0.8, 0.01, 0.99)).hasMessageContaining("theta1");
        assertThatThrownBy(() -> new SequentialTest(0.8, 0.2, 0.99, 0.01)).hasMessageContaining("alpha");
    }
}
