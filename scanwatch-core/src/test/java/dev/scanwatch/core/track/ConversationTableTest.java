package dev.scanwatch.core.track;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTableTest {

    private static Conversation conversation(long a, long b, int port) {
        return new Conversation(0, a, 0, b, port, Protocol.TCP, 0, 1234, null, true);
    }

    @Test
    void agreesWithAHashMapUnderRandomAddsAndRemoves() {
        // Few distinct keys in a small address space: long probe runs, wrap-around, many removals.
        Random random = new Random(7);
        ConversationTable table = new ConversationTable();
        Map<String, Conversation> model = new HashMap<>();
        List<Conversation> live = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            long a = random.nextInt(40);
            long b = random.nextInt(40);
            int port = random.nextInt(8);
            String key = a + "/" + b + "/" + port;
            int action = random.nextInt(3);
            if (action == 0 && !model.containsKey(key)) {
                Conversation c = conversation(a, b, port);
                table.add(c);
                model.put(key, c);
                live.add(c);
            } else if (action == 1 && !live.isEmpty()) {
                Conversation c = live.remove(random.nextInt(live.size()));
                table.remove(c);
                model.remove(c.aLo + "/" + c.bLo + "/" + c.protoPort);
            } else {
                assertThat(table.get(0, a, 0, b, port)).isSameAs(model.get(key));
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        for (Conversation c : live) {
            assertThat(table.get(0, c.aLo, 0, c.bLo, c.protoPort)).isSameAs(c);
        }
    }

    @Test
    void aScansConsecutivePortsDoNotMakeOneLongRun() {
        // One scanner, one host, 60,000 consecutive ports: the keys differ only in the port.
        ConversationTable table = new ConversationTable();
        for (int port = 1; port <= 60_000; port++) {
            table.add(conversation(0x7F420001L, 0x7F000001L, port));
        }
        // At most half full, a well-mixed hash keeps runs to a few dozen slots; a weak one made
        // a single run of the whole scan.
        assertThat(table.longestRun()).isLessThan(100);
    }

    @Test
    void sweepsAndGridsDoNotMakeLongRunsEither() {
        // One scanner, 60,000 consecutive hosts on one port; then 250 hosts times 240 ports.
        ConversationTable sweep = new ConversationTable();
        for (int host = 0; host < 60_000; host++) {
            sweep.add(conversation(0x7F420001L, 0x0A000000L + host, 445));
        }
        assertThat(sweep.longestRun()).isLessThan(100);
        ConversationTable grid = new ConversationTable();
        for (int host = 0; host < 250; host++) {
            for (int port = 1; port <= 240; port++) {
                grid.add(conversation(0x7F420001L, 0x0A000000L + host, port));
            }
        }
        assertThat(grid.longestRun()).isLessThan(100);
    }

    @Test
    void keysChosenToCollideMakeOneRunUnlessTheHashIsSeeded() {
        // An IPv6 attacker owns its /64: moving the port by d and the interface ID by
        // -d * PORT / A_LO keeps the fixed hash's sum, so every key lands on one slot.
        long step = -ConversationHash.PORT * IpAddress.inverseOfOdd(ConversationHash.A_LO);
        assertThat(step * ConversationHash.A_LO).isEqualTo(-ConversationHash.PORT);
        ConversationTable fixed = new ConversationTable();
        ConversationTable seeded = new ConversationTable(new ConversationHash(0x5EED));
        int keys = 3_000;
        for (int d = 0; d < keys; d++) {
            Conversation c = conversation(0x1234 + d * step, 0x7F000001L, 1000 + d);
            fixed.add(c);
            seeded.add(c);
            assertThat(seeded.get(0, c.aLo, 0, c.bLo, c.protoPort)).isSameAs(c);
        }
        assertThat(fixed.longestRun()).isEqualTo(keys);
        assertThat(seeded.longestRun()).isLessThan(100);
        assertThat(seeded.size()).isEqualTo(keys);
    }

    @Test
    void removingAnAbsentConversationChangesNothing() {
        ConversationTable table = new ConversationTable();
        Conversation c = conversation(1, 2, 3);
        table.add(c);
        table.remove(conversation(1, 2, 3)); // same key, another object
        assertThat(table.get(0, 1, 0, 2, 3)).isSameAs(c);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void asAnIndexAgreesWithAHashMapUnderPutsAndRemovesOfOtherPorts() {
        // The UDP index: conversations filed under other ports, a later one replacing an earlier
        // one under the same key, and a removal that must not take the newer one's entry.
        Random random = new Random(11);
        ConversationTable index = new ConversationTable();
        Map<String, Conversation> model = new HashMap<>();
        Map<Conversation, List<Integer>> filed = new HashMap<>();
        List<Conversation> live = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            long a = random.nextInt(30);
            long b = random.nextInt(30);
            int port = random.nextInt(6);
            int action = random.nextInt(4);
            if (action == 0) {
                Conversation c = conversation(a, b, 100 + random.nextInt(3));
                live.add(c);
                filed.put(c, new ArrayList<>());
            } else if (action == 1 && !live.isEmpty()) {
                Conversation c = live.get(random.nextInt(live.size()));
                index.put(c, port);
                model.put(c.aLo + "/" + c.bLo + "/" + port, c);
                filed.get(c).add(port);
            } else if (action == 2 && !live.isEmpty()) {
                Conversation c = live.remove(random.nextInt(live.size()));
                for (int p : filed.remove(c)) {
                    index.remove(c, p);
                    model.remove(c.aLo + "/" + c.bLo + "/" + p, c);
                }
            } else {
                assertThat(index.get(0, a, 0, b, port)).isSameAs(model.get(a + "/" + b + "/" + port));
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
    }
}
