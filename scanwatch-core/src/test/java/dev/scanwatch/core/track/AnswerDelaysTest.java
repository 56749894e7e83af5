package dev.scanwatch.core.track;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerDelaysTest {

    private static final long MS = 1_000_000L;
    private static final long TIMEOUT = 5_000 * MS;

    @Test
    void withoutAnswersOnlyTheResponseTimeoutIsEnough() {
        assertThat(new AnswerDelays(TIMEOUT).enoughAtEndOfInput()).isEqualTo(TIMEOUT);
    }

    @Test
    void fourTimesTheSlowestAnswerBetweenAHundredMillisecondsAndTheTimeout() {
        AnswerDelays fast = new AnswerDelays(TIMEOUT);
        fast.answered(1_000); // loopback: a microsecond
        assertThat(fast.enoughAtEndOfInput()).isEqualTo(100 * MS);

        AnswerDelays internet = new AnswerDelays(TIMEOUT);
        internet.answered(40 * MS);
        internet.answered(250 * MS);
        assertThat(internet.enoughAtEndOfInput()).isEqualTo(1_000 * MS);

        AnswerDelays slow = new AnswerDelays(TIMEOUT);
        slow.answered(60_000 * MS); // capped at the timeout
        assertThat(slow.enoughAtEndOfInput()).isEqualTo(TIMEOUT);
    }
}
