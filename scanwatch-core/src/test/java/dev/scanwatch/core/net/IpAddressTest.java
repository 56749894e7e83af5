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
