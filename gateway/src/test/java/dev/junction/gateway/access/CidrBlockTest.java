package dev.junction.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrBlockTest {
    @Test
    void ipv4Blocks() {
        CidrBlock block = CidrBlock.parse("10.1.0.0/16");
        assertThat(block.contains("10.1.200.3")).isTrue();
        assertThat(block.contains("10.2.0.1")).isFalse();
        assertThat(CidrBlock.parse("192.168.1.7").contains("192.168.1.7")).isTrue();
        assertThat(CidrBlock.parse("192.168.1.7").contains("192.168.1.8")).isFalse();
        assertThat(CidrBlock.parse("172.16.0.0/12").contains("172.31.255.255")).isTrue();
        assertThat(CidrBlock.parse("172.16.0.0/12").contains("172.32.0.0")).isFalse();
        assertThat(CidrBlock.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void ipv6BlocksAndMappedIpv4() {
        assertThat(CidrBlock.parse("2001:db8::/32").contains("2001:db8:1::5")).isTrue();
        assertThat(CidrBlock.parse("2001:db8::/32").contains("2001:db9::1")).isFalse();
        assertThat(CidrBlock.parse("127.0.0.0/8").contains("::ffff:127.0.0.1")).isTrue();
        assertThat(CidrBlock.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(CidrBlock.parse("127.0.0.0/8").contains("::1")).isFalse();
    }

    @Test
    void rejectsNamesAndBadPrefixes() {
        assertThatThrownBy(() -> CidrBlock.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CidrBlock.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(CidrBlock.parse("10.0.0.0/8").contains("not-an-address")).isFalse();
    }
}
