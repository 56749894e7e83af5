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
                        assertThat(model.containsValue(id)).as("an id in use handed out again").isFalse();
                        table.lastActive(id, step);
                        model.put(k, id);
                        live.add(k);
                    }
                } else {
                    Key k = live.remove(random.nextInt(live.size()));
                    int id = model.remove(k);
                    assertThat(table.lastActive(id)).isLessThanOrEqualTo(step);
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
}
