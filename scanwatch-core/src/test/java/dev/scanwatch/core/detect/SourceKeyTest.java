package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceKeyTest {

    /** An IPv6 address of one /64 whose interface ID has equal halves: all of them hash alike. */
    private static SourceKey colliding(long k, Protocol protocol) {
        return new SourceKey(new IpAddress(0x20010db800000001L, k << 32 | k), protocol);
    }

    @Test
    void keysThatShareAHashStillOrderAsTheyEqual() {
        assertThat(colliding(1, Protocol.TCP).hashCode()).isEqualTo(colliding(2, Protocol.TCP).hashCode());
        assertThat(colliding(1, Protocol.TCP).compareTo(colliding(1, Protocol.TCP))).isZero();
        assertThat(colliding(1, Protocol.TCP).compareTo(colliding(2, Protocol.TCP))).isNegative();
        assertThat(colliding(2, Protocol.TCP).compareTo(colliding(1, Protocol.TCP))).isPositive();
        assertThat(colliding(1, Protocol.TCP).compareTo(colliding(1, Protocol.UDP))).isNotZero();
    }

    /**
     * A tree bin finds keys by compareTo: one that told equal keys apart would lose some here (one
     * that ties unequal keys only searches more; the ordering test above pins that).
     */
    @Test
    void aMapOfCollidingSourcesFindsEachOne() {
        Map<SourceKey, Long> map = new HashMap<>();
        for (long k = 1; k <= 20_000; k++) {
            map.put(colliding(k, Protocol.TCP), k);
        }
        for (long k = 1; k <= 20_000; k++) {
            assertThat(map.get(colliding(k, Protocol.TCP))).isEqualTo(k);
        }
        assertThat(map.get(colliding(1, Protocol.UDP))).isNull();
    }
}
