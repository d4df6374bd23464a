package dev.junction.gateway.providers;

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

    private static String next(KeyRing ring) {
        return ring.nextKey().secret();
    }

    @Test
    void rotatesRoundRobin() {
        KeyRing ring = new KeyRing(List.of("a", "b", "c"), Clock.systemUTC());
        assertThat(List.of(next(ring), next(ring), next(ring), next(ring))).containsExactly("a", "b", "c", "a");
    }

    @Test
    void aRestingKeyIsSkippedUntilItsRestEnds() {
        ManualClock clock = new ManualClock();
        KeyRing ring = new KeyRing(List.of("a", "b"), clock);
        ring.rest(Credential.of("a"), Duration.ofSeconds(30));
        assertThat(List.of(next(ring), next(ring), next(ring))).containsOnly("b");
        assertThat(ring.usableCount()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(31);
        assertThat(List.of(next(ring), next(ring))).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void whenAllRestTheOneBackSoonestIsUsed() {
        ManualClock clock = new ManualClock();
        KeyRing ring = new KeyRing(List.of("a", "b"), clock);
        ring.rest(Credential.of("a"), Duration.ofMinutes(10));
        ring.rest(Credential.of("b"), Duration.ofSeconds(5));
        assertThat(next(ring)).isEqualTo("b");
        assertThat(next(ring)).isEqualTo("b");
        assertThat(ring.usableCount()).isZero();
    }

    @Test
    void scrubRemovesEveryKeyFromAText() {
        KeyRing ring = new KeyRing(List.of("AIzaFirstKey0001", "AIzaSecondKey002"), Clock.systemUTC());
        assertThat(ring.scrub("bad key AIzaSecondKey002 and AIzaFirstKey0001"))
                .isEqualTo("bad key [redacted] and [redacted]");
    }

    @Test
    void hintsShowOnlyTheLastFourCharacters() {
        assertThat(KeyRing.hint("AIzaSySecretValue1234")).isEqualTo("...1234");
    }
}
