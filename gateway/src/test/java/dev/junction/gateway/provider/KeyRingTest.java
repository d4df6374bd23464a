package dev.junction.gateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void rotatesRoundRobin() {
        KeyRing ring = new KeyRing(List.of("a", "b", "c"), Clock.systemUTC());
        assertThat(List.of(ring.next(), ring.next(), ring.next(), ring.next())).containsExactly("a", "b", "c", "a");
    }

    @Test
    void aRestingKeyIsSkippedUntilItsRestEnds() {
        ManualClock clock = new ManualClock();
        KeyRing ring = new KeyRing(List.of("a", "b"), clock);
        ring.rest("a", Duration.ofSeconds(30));
        assertThat(List.of(ring.next(), ring.next(), ring.next())).containsOnly("b");
        assertThat(ring.usableCount()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(31);
        assertThat(List.of(ring.next(), ring.next())).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void whenAllRestTheOneBackSoonestIsUsed() {
        ManualClock clock = new ManualClock();
        KeyRing ring = new KeyRing(List.of("a", "b"), clock);
        ring.rest("a", Duration.ofMinutes(10));
        ring.rest("b", Duration.ofSeconds(5));
        assertThat(ring.next()).isEqualTo("b");
        assertThat(ring.next()).isEqualTo("b");
        assertThat(ring.usableCount()).isZero();
    }

    @Test
    void hintsShowOnlyTheLastFourCharacters() {
        assertThat(KeyRing.hint("AIzaSySecretValue1234")).isEqualTo("...1234");
    }
}
