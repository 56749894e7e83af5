package dev.scanwatch.core.net;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void containsRespectsPrefix() {
        Cidr c = Cidr.parse("192.168.0.0/16");
        assertThat(c.contains(IpAddress.parse("192.168.181.140"))).isTrue();
        assertThat(c.contains(IpAddress.parse("192.169.0.1"))).isFalse();
        assertThat(c.toString()).isEqualTo("192.168.0.0/16");
        assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("2001:db8::1"))).isFalse();
    }

    @Test
    void ipv6Blocks() {
        Cidr ula = Cidr.parse("fc00::/7");
        assertThat(ula.contains(IpAddress.parse("fd12:3456::1"))).isTrue();
        assertThat(ula.contains(IpAddress.parse("fe80::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::1").prefixLength()).isEqualTo(128);
    }

    @Test
    void setParsesCommaListsAndRejectsBadInput() {
        CidrSet set = CidrSet.parse(List.of("10.0.0.0/8,172.16.0.0/12", "fc00::/7"));
        assertThat(set.blocks()).hasSize(3);
        assertThat(set.contains(IpAddress.parse("172.31.15.102"))).isTrue();
        assertThat(set.contains(IpAddress.parse("172.32.0.1"))).isFalse();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> Cidr.parse("ten/8")).hasMessageContaining("ten/8");
    }
}
