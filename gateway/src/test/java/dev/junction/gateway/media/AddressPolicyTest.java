package dev.junction.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    private static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "0.0.0.0", "100.64.0.1", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "::ffff:127.0.0.1", "::ffff:10.1.2.3"})
    void refusesNonPublicAddresses(String address) throws UnknownHostException {
        assertThat(PUBLIC_ONLY.allows(InetAddress.getByName(address))).isFalse();
        assertThat(new AddressPolicy(true).allows(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "142.250.1.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) throws UnknownHostException {
        assertThat(PUBLIC_ONLY.allows(InetAddress.getByName(address))).isTrue();
    }
}
