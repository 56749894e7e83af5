package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTableTest {

    private static final long PREFIX = 0x2001_0db8_0000_0001L;

    /** Against a map, through growth and backward shifts, for IPv4 and IPv6 sources of three protocols. */
    @Test
    void findsWhatAMapFinds() {
        Random random = new Random(3);
        for (long seed : new long[] {0, 0x5EED, -7}) {
            SourceTable table = new SourceTable(seed);
            Map<SourceKey, SourceActivity> map = new HashMap<>();
            List<SourceActivity> held = new ArrayList<>();
            for (int step = 0; step < 60_000; step++) {
                IpAddress src = random.nextBoolean()
                        ? IpAddress.parse("10.0." + random.nextInt(40) + "." + random.nextInt(256))
                        : new IpAddress(PREFIX, random.nextInt(10_000));
                Protocol protocol = Protocol.values()[random.nextInt(3)];
                SourceKey key = new SourceKey(src, protocol);
                SourceActivity found = table.get(src, protocol);
                assertThat(found).isSameAs(map.get(key));
                // grow for the first half, then mostly remove, so the table empties through backward shifts
                boolean removing = step > 30_000 ? random.nextInt(4) != 0 : random.nextInt(4) == 0;
                if (removing && !held.isEmpty()) {
                    SourceActivity gone = held.remove(random.nextInt(held.size()));
                    table.remove(gone);
                    table.remove(gone); // twice: the second finds nothing
                    map.remove(gone.key);
                } else if (found == null) {
                    SourceActivity s = new SourceActivity(src, protocol, false, seed);
                    table.add(s);
                    map.put(key, s);
                    held.add(s);
                }
                assertThat(table.size()).isEqualTo(map.size());
            }
            assertThat(new HashSet<>(table.all())).isEqualTo(new HashSet<>(map.values()));
            for (SourceActivity s : held) {
                assertThat(table.get(s.key.src(), s.key.protocol())).isSameAs(s);
            }
        }
    }

    /**
     * Sources of one /64 chosen, from the fixed multipliers, to share their slot's hash: unkeyed
     * they fill one run of slots, so each new one walks all the earlier ones; keyed by a seed the
     * same sources spread out.
     */
    @Test
    void aSeedSpreadsSourcesChosenToCollide() {
        int keys = 3_000;
        SourceTable fixed = new SourceTable(0);
        SourceTable seeded = new SourceTable(0x5EED);
        for (int k = 1; k <= keys; k++) {
            IpAddress src = colliding(k);
            fixed.add(new SourceActivity(src, Protocol.TCP, false, 0));
            seeded.add(new SourceActivity(src, Protocol.TCP, false, 0));
        }
        assertThat(fixed.longestRun()).isEqualTo(keys);
        assertThat(seeded.longestRun()).isLessThan(100);
        for (int k = 1; k <= keys; k++) {
            assertThat(fixed.get(colliding(k), Protocol.TCP)).isNotNull();
            assertThat(seeded.get(colliding(k), Protocol.TCP)).isNotNull();
        }
    }

    /**
     * The interface ID whose unkeyed hash has {@code k} in its upper half and the same lower
     * half as every other k: the finaliser undone, then the multiplication.
     */
    private static IpAddress colliding(long k) {
        long wanted = k << 32 | 0x1234_5678L;
        long beforeMix = unmix(wanted);
        long kHi = 0x9E37_79B9_7F4A_7C15L;
        long kLo = 0xC2B2_AE3D_27D4_EB4FL;
        long kProtocol = 0x1656_67B1_9E37_79F9L;
        long lo = (beforeMix - PREFIX * kHi - Protocol.TCP.ordinal() * kProtocol) * IpAddress.inverseOfOdd(kLo);
        return new IpAddress(PREFIX, lo);
    }

    /** IpAddress.mix undone: each xor-shift by 33 is its own inverse, each odd multiplication has one. */
    private static long unmix(long z) {
        z ^= z >>> 33;
        z *= IpAddress.inverseOfOdd(0xC4CE_B9FE_1A85_EC53L);
        z ^= z >>> 33;
        z *= IpAddress.inverseOfOdd(0xFF51_AFD7_ED55_8CCDL);
        return z ^ z >>> 33;
    }
}
