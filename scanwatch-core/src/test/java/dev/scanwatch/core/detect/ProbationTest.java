package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The linked probation list against the queue it replaced: an {@code ArrayDeque} of sources in
 * arrival order from which departed sources were dropped only when met. On random streams of
 * arrivals, departures and polls (with and without a source to pass over) the two give the same
 * sources in the same order.
 */
class ProbationTest {

    @Test
    void givesWhatTheLazyQueueGave() {
        Random random = new Random(11);
        for (int stream = 0; stream < 300; stream++) {
            Probation list = new Probation();
            ArrayDeque<SourceActivity> queue = new ArrayDeque<>();
            Set<SourceActivity> departed = new HashSet<>();
            List<SourceActivity> on = new ArrayList<>();
            int made = 0;
            for (int step = 0; step < 400; step++) {
                int op = random.nextInt(10);
                if (op < 4 || on.isEmpty()) {
                    SourceActivity s = source(made++);
                    list.add(s);
                    queue.addLast(s);
                    on.add(s);
                } else if (op < 7) {
                    SourceActivity s = on.remove(random.nextInt(on.size()));
                    list.remove(s);
                    list.remove(s); // twice: the second is nothing
                    departed.add(s);
                } else {
                    // as the detector calls it: no source to keep, or the newest, which has just arrived
                    SourceActivity keep = random.nextBoolean() || on.isEmpty() ? null : on.get(on.size() - 1);
                    SourceActivity polled = list.pollOldestBut(keep);
                    assertThat(polled).isSameAs(lazyPoll(queue, departed, keep));
                    if (polled != null) {
                        on.remove(polled);
                        departed.add(polled);
                    }
                }
                assertThat(list.size()).isEqualTo(on.size());
                assertThat(list.isEmpty()).isEqualTo(on.isEmpty());
            }
            list.clear();
            assertThat(list.isEmpty()).isTrue();
            assertThat(list.pollOldestBut(null)).isNull();
            for (SourceActivity s : on) {
                assertThat(s.onProbation).isFalse();
            }
        }
    }

    /** The replaced ScanDetector.pollProbation, with "departed" for promoted, fired or forgotten. */
    private static SourceActivity lazyPoll(ArrayDeque<SourceActivity> queue, Set<SourceActivity> departed,
                                           SourceActivity keep) {
        SourceActivity found = null;
        boolean keptBack = false;
        while (found == null && !queue.isEmpty()) {
            SourceActivity s = queue.pollFirst();
            if (s == keep) {
                keptBack = true;
            } else if (!departed.contains(s)) {
                found = s;
            }
        }
        if (keptBack) {
            queue.addLast(keep);
        }
        return found;
    }

    private static SourceActivity source(int n) {
        return new SourceActivity(IpAddress.parse("192.0.2." + (n % 250)), Protocol.TCP, false, 0);
    }
}
