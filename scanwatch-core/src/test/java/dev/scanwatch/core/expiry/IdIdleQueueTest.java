package dev.scanwatch.core.expiry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id queue must keep {@link IdleQueue}'s order exactly: the first-contact filter of flow logs
 * uses it, the tracker and the detectors use IdleQueue, and a flow log must forget and evict
 * what a capture would.
 */
class IdIdleQueueTest {

    private static final long IDLE = 100;

    /** The owner's rows: the two times of each id. */
    private static final class Rows implements IdIdleQueue.Times {
        long[] lastActive = new long[16];
        long[] queuedDeadline = new long[16];

        void grow(int id) {
            if (id >= lastActive.length) {
                lastActive = Arrays.copyOf(lastActive, id * 2);
                queuedDeadline = Arrays.copyOf(queuedDeadline, id * 2);
            }
        }

        @Override
        public long lastActive(int id) {
            return lastActive[id];
        }

        @Override
        public long queuedDeadline(int id) {
            return queuedDeadline[id];
        }

        @Override
        public void queuedDeadline(int id, long deadlineNanos) {
            queuedDeadline[id] = deadlineNanos;
        }
    }

    private static final class Item extends IdleQueue.Member {
        final int id;

        Item(int id) {
            this.id = id;
        }
    }

    @Test
    void expiresOnlyWhatWasIdleForTheWholeTime() {
        Rows rows = new Rows();
        IdIdleQueue queue = new IdIdleQueue(rows, IDLE);
        List<Integer> expired = new ArrayList<>();
        rows.lastActive[0] = 0;
        queue.add(0, 0);
        rows.lastActive[1] = 10;
        queue.add(1, 10);
        rows.lastActive[0] = 90; // active again: its old deadline (100) must not expire it
        queue.expire(100, expired::add);
        assertThat(expired).isEmpty();
        queue.expire(110, expired::add);
        assertThat(expired).containsExactly(1);
        queue.expire(189, expired::add);
        assertThat(expired).containsExactly(1);
        queue.expire(190, expired::add);
        assertThat(expired).containsExactly(1, 0);
        assertThat(queue.size()).isZero();
        assertThat(queue.pollOldest()).isEqualTo(IdIdleQueue.NONE);
    }

    @Test
    void evictionGivesTheRecentlyActiveASecondChance() {
        Rows rows = new Rows();
        IdIdleQueue queue = new IdIdleQueue(rows, IDLE);
        for (int id = 0; id < 3; id++) {
            rows.lastActive[id] = id;
            queue.add(id, id);
        }
        rows.lastActive[0] = 50; // the oldest in line, but busy since
        assertThat(queue.pollOldest()).isEqualTo(1);
        assertThat(queue.pollOldest()).isEqualTo(2);
        assertThat(queue.pollOldest()).isEqualTo(0);
        assertThat(queue.pollOldest()).isEqualTo(IdIdleQueue.NONE);
    }

    /**
     * Random streams of arrivals, activity, expiry and eviction, with time that stands still or
     * steps back a little, through both queues: the same ids leave, in the same order, also
     * while the ring grows past its first size.
     */
    @Test
    void keepsIdleQueuesOrderOnRandomStreams() {
        int longest = 0;
        for (int stream = 0; stream < 300; stream++) {
            SplittableRandom random = new SplittableRandom(stream);
            Rows rows = new Rows();
            IdIdleQueue ids = new IdIdleQueue(rows, IDLE);
            IdleQueue<Item> members = new IdleQueue<>(IDLE);
            List<Item> live = new ArrayList<>();
            List<Integer> leftIds = new ArrayList<>();
            List<Integer> leftMembers = new ArrayList<>();
            int next = 0;
            int departed = 0;
            long now = 0;
            int steps = 50 + random.nextInt(4_000);
            int drift = stream % 3 == 0 ? 1 : 12; // a third of the streams stand still: nothing expires, the ring grows
            for (int step = 0; step < steps; step++) {
                now = Math.max(0, now + random.nextInt(-3, drift));
                int op = random.nextInt(10);
                if (op < 4 || live.isEmpty()) {
                    int id = next++;
                    rows.grow(id);
                    rows.lastActive[id] = now;
                    ids.add(id, now);
                    Item m = new Item(id);
                    members.add(m, now);
                    live.add(m);
                } else if (op < 8) {
                    Item m = live.get(random.nextInt(live.size()));
                    if (now > rows.lastActive[m.id]) {
                        rows.lastActive[m.id] = now;
                    }
                    IdleQueue.touch(m, now);
                } else if (op == 8) {
                    ids.expire(now, leftIds::add);
                    members.expire(now, m -> leftMembers.add(m.id));
                } else {
                    int id = ids.pollOldest();
                    Item m = members.pollOldest();
                    leftIds.add(id);
                    leftMembers.add(m == null ? IdIdleQueue.NONE : m.id);
                }
                assertThat(leftIds).as("stream %d, step %d", stream, step).isEqualTo(leftMembers);
                assertThat(ids.size()).isEqualTo(members.size());
                longest = Math.max(longest, ids.size());
                for (; departed < leftIds.size(); departed++) { // an id that left is never active again
                    int id = leftIds.get(departed);
                    live.removeIf(m -> m.id == id);
                }
            }
        }
        assertThat(longest).as("the ring grew past its first 1,024 ids").isGreaterThan(1024);
    }
}
