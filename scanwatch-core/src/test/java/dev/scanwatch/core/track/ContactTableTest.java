package dev.scanwatch.core.track;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter's primitive table of contacts, against a map, as ids come, go and are reused. */
class ContactTableTest {

    private record Key(long aHi, long aLo, long bHi, long bLo, int protoPort) {
    }

    @Test
    void findsWhatAMapFindsThroughAddsRemovalsAndGrowth() {
        for (long seed : new long[] {0, 0x5EED}) {
            Random random = new Random(seed + 3);
            ContactTable table = new ContactTable(new ConversationHash(seed), 24_000);
            Map<Key, Integer> model = new HashMap<>();
            List<Key> live = new ArrayList<>();
            Map<Integer, Long> added = new HashMap<>();
            for (int step = 0; step < 200_000; step++) {
                // Grow to about 20,000 contacts, then hover there: every removal shifts a run back.
                boolean add = live.size() < 20_000 ? random.nextInt(4) != 0 : live.size() < 24_000 && random.nextBoolean();
                if (add || live.isEmpty()) {
                    int n = random.nextInt(60_000);
                    Key k = new Key(n % 3 == 0 ? 0x20010db8L << 32 : 0, 0xFFFF_0A00_0000L + n / 7, 0,
                            0xFFFF_C000_0200L + n % 7, ConnectionTracker.protoPort(
                                    dev.scanwatch.core.model.Protocol.TCP, 440 + n % 5));
                    int found = table.find(k.aHi, k.aLo, k.bHi, k.bLo, k.protoPort);
                    assertThat(found).isEqualTo(model.getOrDefault(k, ContactTable.NONE));
                    if (found == ContactTable.NONE) {
                        int id = table.add(k.aHi, k.aLo, k.bHi, k.bLo, k.protoPort);
                        assertThat(added.containsKey(id)).as("an id in use handed out again").isFalse();
                        table.lastActive(id, step);
                        added.put(id, (long) step);
                        model.put(k, id);
                        live.add(k);
                    }
                } else {
                    Key k = live.remove(random.nextInt(live.size()));
                    int id = model.remove(k);
                    assertThat(table.lastActive(id)).isEqualTo(added.remove(id));
                    table.remove(id);
                    assertThat(table.find(k.aHi, k.aLo, k.bHi, k.bLo, k.protoPort)).isEqualTo(ContactTable.NONE);
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Key, Integer> e : model.entrySet()) {
                Key k = e.getKey();
                assertThat(table.find(k.aHi, k.aLo, k.bHi, k.bLo, k.protoPort)).isEqualTo(e.getValue());
            }
            assertThat(table.longestRun()).isLessThan(200);
        }
    }

    /**
     * Keys whose 32-bit hashes are equal (found by search) share a home slot and are told apart
     * by their fields; keys whose home is the index's last slot wrap round to its start, and a
     * removal there must shift the wrapped entries back across the end.
     */
    @Test
    void equalHashesAndRunsAcrossTheEndStayFindableThroughRemovals() {
        ConversationHash hash = new ConversationHash(0);
        int protoPort = ConnectionTracker.protoPort(dev.scanwatch.core.model.Protocol.TCP, 445);
        Map<Integer, Long> byHash = new HashMap<>();
        List<long[]> colliding = new ArrayList<>();
        List<Long> atEnd = new ArrayList<>();
        int indexSlots = 2048; // the index of a new table
        for (long lo = 0xFFFF_0A00_0000L; colliding.size() < 40 || atEnd.size() < 40; lo++) {
            int h = ConversationHash.of(hash.kALo, hash.kBLo, hash.kAHi, hash.kBHi, hash.kPort, 0, lo, 0, 0xFFFF_C000_0201L,
                    protoPort);
            Long before = byHash.putIfAbsent(h, lo);
            if (before != null && colliding.size() < 40) {
                colliding.add(new long[] {before, lo});
            }
            if ((h & (indexSlots - 1)) >= indexSlots - 2 && atEnd.size() < 40) {
                atEnd.add(lo);
            }
        }
        ContactTable table = new ContactTable(hash, 1000);
        List<Long> keys = new ArrayList<>(atEnd);
        colliding.forEach(pair -> {
            keys.add(pair[0]);
            keys.add(pair[1]);
        });
        Map<Long, Integer> ids = new HashMap<>();
        for (long lo : keys) {
            if (!ids.containsKey(lo)) {
                ids.put(lo, table.add(0, lo, 0, 0xFFFF_C000_0201L, protoPort));
            }
        }
        Random random = new Random(5);
        List<Long> order = new ArrayList<>(ids.keySet());
        java.util.Collections.shuffle(order, random);
        for (int k = 0; k < order.size(); k++) {
            long gone = order.get(k);
            table.remove(ids.get(gone));
            assertThat(table.find(0, gone, 0, 0xFFFF_C000_0201L, protoPort)).isEqualTo(ContactTable.NONE);
            for (int j = k + 1; j < order.size(); j++) {
                long lo = order.get(j);
                assertThat(table.find(0, lo, 0, 0xFFFF_C000_0201L, protoPort)).as("key %x", lo).isEqualTo(ids.get(lo));
            }
        }
        assertThat(table.size()).isZero();
    }

    @Test
    void aFullTableSaysSoAndACapacityOutOfRangeIsRefused() {
        ContactTable table = new ContactTable(new ConversationHash(0), 3);
        for (int i = 0; i < 3; i++) {
            table.add(0, i, 0, 1, 80);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.add(0, 9, 0, 1, 80))
                .isInstanceOf(IllegalStateException.class);
        table.remove(1);
        assertThat(table.add(0, 9, 0, 1, 80)).as("the freed id, reused").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ContactTable(new ConversationHash(0), 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ContactTable(new ConversationHash(0), ContactTable.MAX_CONTACTS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
