package dev.scanwatch.core.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpAddressTest {

    @Test
    void ipv4RoundTripsAndIsMapped() {
        IpAddress a = IpAddress.parse("32.42.39.128");
        assertThat(a.isV4()).isTrue();
        assertThat(a.toString()).isEqualTo("32.42.39.128");
        assertThat(a).isEqualTo(IpAddress.ofV4(32, 42, 39, 128));
        assertThat(a.hi()).isZero();
        assertThat(a.lo() >>> 32).isEqualTo(0xFFFFL);
    }

    /**
     * HashMap keeps the low bits of a hash after folding its upper half onto them. The record's
     * formula left an IPv4 address as it is, so a map smaller than 65,536 bins ignored the bits
     * between its own size and the /16: the hosts of a /16 that one map held (a sweep's targets,
     * or the bench's shifted copies of one trace) fell into a few bins, which became trees.
     */
    @Test
    void hostsScatteredOverASixteenSpreadOverHashMapBins() {
        int bins = 512; // a HashMap of 256 keys
        for (int low = 0; low < 512; low += 73) {
            int[] load = new int[bins];
            int fullest = 0;
            for (int block = 0; block < 128; block++) {
                for (int i = 0; i < 2; i++) {
                    int m = block << 9 | (low + i) & 511; // two hosts of each /23 of 10.20.0.0/16
                    int h = IpAddress.ofV4(10, 20, m >>> 8, m & 255).hashCode();
                    fullest = Math.max(fullest, ++load[(h ^ h >>> 16) & (bins - 1)]);
                }
            }
            assertThat(fullest).as("hosts %d and %d of each /23", low, low + 1).isLessThan(8);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "::1, ::1",
        "::, ::",
        "fe80::1%0, ",
        "FF02::1, ff02::1"
    })
    void ipv6FollowsRfc5952(String in, String expected) {
        IpAddress a = IpAddress.tryParse(in);
        if (expected == null) {
            assertThat(a).isNull();
            return;
        }
        assertThat(a).isNotNull();
        assertThat(a.isV4()).isFalse();
        assertThat(a.toString()).isEqualTo(expected);
        assertThat(IpAddress.parse(expected)).isEqualTo(a);
    }

    @ParameterizedTest
    @CsvSource({"1.2.3", "1.2.3.4.5", "256.1.1.1", "a.b.c.d", "1..2.3", "1:2:3:4:5:6:7:8:9", "1:::2", ":1:2"})
    void rejectsNonsense(String in) {
        assertThat(IpAddress.tryParse(in)).isNull();
        assertThatThrownBy(() -> IpAddress.parse(in)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ordersNumerically() {
        assertThat(IpAddress.parse("10.0.0.9")).isLessThan(IpAddress.parse("10.0.0.10"));
        assertThat(IpAddress.parse("128.0.0.1")).isGreaterThan(IpAddress.parse("127.255.255.255"));
        assertThat(IpAddress.parse("::ffff:1.2.3.4")).isEqualTo(IpAddress.parse("1.2.3.4"));
    }
}
