package dev.junction.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.RoutingSettings;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayError.Kind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An upstream's cooldown and recovery, on an injected clock. */
class UpstreamHealthTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final UpstreamHealth health = new UpstreamHealth("u",
            new RoutingSettings(3, Duration.ofSeconds(60), 5, Duration.ofSeconds(30)), clock);

    private static GatewayError down() {
        return GatewayError.of(Kind.UPSTREAM_UNAVAILABLE, "The model is overloaded.");
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            health.failed(down());
        }
    }

    @Test
    void aStreakOfFailuresCoolsItDownThenOneProbeBringsItBack() {
        fail(4);
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        fail(1);
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.COOLING_DOWN);
        assertThat(health.cooldownUntil()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(health.admits()).isFalse();

        clock.advance(Duration.ofSeconds(31));
        assertThat(health.admits()).as("the probe").isTrue();
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.PROBING);
        assertThat(health.admits()).as("only one probe at a time").isFalse();
        health.answered();
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(health.admits()).isTrue();
    }

    @Test
    void aFailedProbeCoolsItDownAgain() {
        fail(5);
        clock.advance(Duration.ofSeconds(31));
        assertThat(health.admits()).isTrue();
        health.failed(down());
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.COOLING_DOWN);
        assertThat(health.admits()).isFalse();
        assertThat(health.cooldownUntil()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void aSuccessBreaksTheStreak() {
        fail(4);
        health.answered();
        fail(4);
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(health.admits()).isTrue();
    }

    @Test
    void answersAboutTheRequestOrTheKeySayTheUpstreamIsUp() {
        for (int i = 0; i < 20; i++) {
            health.failed(GatewayError.of(Kind.INVALID_REQUEST, "bad"));
            health.failed(GatewayError.of(Kind.RATE_LIMITED, "slow down"));
            health.failed(GatewayError.of(Kind.UPSTREAM_AUTH, "key rejected"));
        }
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(health.recentErrors()).hasSize(10);
        assertThat(health.recentErrors().get(9).kind()).isEqualTo("upstream_auth");
    }

    @Test
    void theVendorsRetryAfterSetsTheCooldownWhenItIsLonger() {
        fail(4);
        health.failed(down().withRetryAfter(Duration.ofMinutes(2)));
        assertThat(health.cooldownUntil()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));
        clock.advance(Duration.ofSeconds(31));
        assertThat(health.admits()).isFalse();
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.COOLING_DOWN);
        clock.advance(Duration.ofSeconds(90));
        assertThat(health.admits()).isTrue();
    }

    @Test
    void anOperatorResetBringsItBackAtOnce() {
        fail(5);
        health.reset();
        assertThat(health.state()).isEqualTo(UpstreamHealth.State.HEALTHY);
        assertThat(health.admits()).isTrue();
    }
}
