package dev.scanwatch.core.expiry;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdleQueueTest {

    private static final class Item extends IdleQueue.Member {
        final String name;

        Item(String name) {
            this.name = name;
        }
    }

    private final IdleQueue<Item> queue = new IdleQueue<>(100);
    private final List<String> expired = new ArrayList<>();

    @Test
    void expiresOnlyWhatWasIdleForTheWholeTime() {
        Item a = new Item("a");
        Item b = new Item("b");
        queue.add(a, 0);
        queue.add(b, 10);
        IdleQueue.touch(a, 90); // active again: its old deadline (100) must not expire it
        queue.expire(100, i -> expired.add(i.name));
        assertThat(expired).isEmpty();
        queue.expire(110, i -> expired.add(i.name));
        assertThat(expired).containsExactly("b");
        queue.expire(189, i -> expired.add(i.name));
        assertThat(expired).containsExactly("b");
        queue.expire(190, i -> expired.add(i.name));
        assertThat(expired).containsExactly("b", "a");
        assertThat(queue.size()).isZero();
    }

    @Test
    void detachedMembersAreSkippedAndEvictionTakesTheOldest() {
        Item a = new Item("a");
        Item b = new Item("b");
        Item c = new Item("c");
        queue.add(a, 0);
        queue.add(b, 1);
        queue.add(c, 2);
        a.detach();
        assertThat(queue.pollOldest().name).isEqualTo("b");
        queue.expire(1000, i -> expired.add(i.name));
        assertThat(expired).containsExactly("c");
    }

    @Test
    void evictionGivesARecentlyActiveMemberASecondChance() {
        Item scanner = new Item("scanner");
        queue.add(scanner, 0);
        queue.add(new Item("spoofed-1"), 1);
        queue.add(new Item("spoofed-2"), 2);
        IdleQueue.touch(scanner, 3);
        assertThat(queue.pollOldest().name).isEqualTo("spoofed-1");
        assertThat(queue.pollOldest().name).isEqualTo("spoofed-2");
        assertThat(queue.pollOldest().name).isEqualTo("scanner");
    }

    @Test
    void timeSteppingBackNeverExpiresEarly() {
        Item a = new Item("a");
        queue.add(a, 50);
        IdleQueue.touch(a, 40); // an older packet from another interface
        queue.expire(149, i -> expired.add(i.name));
        assertThat(expired).isEmpty();
        queue.expire(150, i -> expired.add(i.name));
        assertThat(expired).containsExactly("a");
    }
}
