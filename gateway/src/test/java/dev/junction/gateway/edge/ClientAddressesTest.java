package dev.junction.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.CidrBlock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {
    private final ClientAddresses behindProxies = new ClientAddresses(List.of(CidrBlock.parse("10.0.0.0/8"),
            CidrBlock.parse("fd00::/8")));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(new ClientAddresses(List.of()).of("10.0.0.2", Optional.of("203.0.113.7"))).isEqualTo("10.0.0.2");
    }

    @Test
    void anUntrustedPeerCannotNameAnotherClient() {
        assertThat(behindProxies.of("198.51.100.9", Optional.of("203.0.113.7"))).isEqualTo("198.51.100.9");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        assertThat(behindProxies.of("10.0.0.2", Optional.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("10.0.0.2", Optional.of("203.0.113.7, 10.1.1.1"))).isEqualTo("203.0.113.7");
        // A client that sends its own X-Forwarded-For cannot hide behind it: the proxy appended the real one.
        assertThat(behindProxies.of("10.0.0.2", Optional.of("6.6.6.6, 203.0.113.7"))).isEqualTo("203.0.113.7");
    }

    @Test
    void whenEveryHopIsTrustedTheLeftMostIsTheClient() {
        assertThat(behindProxies.of("10.0.0.2", Optional.of("10.9.9.9, 10.1.1.1"))).isEqualTo("10.9.9.9");
    }

    @Test
    void aHopThatIsNotAnAddressStopsTheWalk() {
        assertThat(behindProxies.of("10.0.0.2", Optional.of("203.0.113.7, unknown"))).isEqualTo("10.0.0.2");
        assertThat(behindProxies.of("10.0.0.2", Optional.of("garbage, 10.1.1.1"))).isEqualTo("10.1.1.1");
    }

    @Test
    void portsAndBracketsAreTakenOff() {
        assertThat(behindProxies.of("10.0.0.2", Optional.of("203.0.113.7:51234"))).isEqualTo("203.0.113.7");
        assertThat(behindProxies.of("fd00::1", Optional.of("[2001:db8::5]:443"))).isEqualTo("2001:db8::5");
        assertThat(behindProxies.of("fd00::1", Optional.of("2001:db8::5"))).isEqualTo("2001:db8::5");
    }
}
