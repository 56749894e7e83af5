package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceKeyTest {

    private static final long PREFIX = 0x20010db800000001L;

    /**
     * IPv6 addresses of one /64 that all hash alike. The hash is public (IpAddress.hashCode:
     * ((hi * A) ^ lo) * B, upper half), so anyone can pick interface IDs whose product with B
     * differs only in the lower half: multiples of B's inverse, XORed with hi * A.
     */
    private static SourceKey colliding(long k, Protocol protocol) {
        long a = 0x9E37_79B9_7F4A_7C15L;
        long b = 0xC2B2_AE3D_27D4_EB4FL;
        return new SourceKey(new IpAddress(PREFIX, (PREFIX * a) ^ (k * IpAddress.inverseOfOdd(b))), protocol);
    }

    @Test
    void keysThatShareAHashStillOrderAsTheyEqual() {
        assertThat(colliding(1, Protocol.TCP).src().hashCode()).isEqualTo(colliding(20_000, Protocol.TCP).src().hashCode());
        assertThat(colliding(1, Protocol.TCP).hashCode()).isEqualTo(colliding(2, Protocol.TCP).hashCode());
        assertThat(colliding(1, Protocol.TCP).compareTo(colliding(1, Protocol.TCP))).isZero();
        int oneToTwo = colliding(1, Protocol.TCP).compareTo(colliding(2, Protocol.TCP));
        assertThat(oneToTwo).isNotZero();
        assertThat(Integer.signum(colliding(2, Protocol.TCP).compareTo(colliding(1, Protocol.TCP))))
                .isEqualTo(-Integer.signum(oneToTwo));
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
