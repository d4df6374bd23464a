package dev.junction.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.config.LimitSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The limit contract on the Redis at 127.0.0.1:6379 (or {@code JUNCTION_TEST_REDIS}), under a
 * key prefix of its own. Fails, not skips, without Redis; exclude with
 * {@code -DexcludedGroups=redis}. The timeout is generous: these tests count exactly under
 * concurrency on a busy machine; {@link RedisDownTest} is the one about a Redis that is gone.
 */
@Tag("redis")
class RedisLimitBackendTest extends LimitBackendContract {
    static final String REDIS = Optional.ofNullable(System.getenv("JUNCTION_TEST_REDIS"))
            .orElse("redis://127.0.0.1:6379");
    private LimitBackends backends;

    @Override
    LimitBackends backends() {
        if (backends == null) {
            backends = LimitBackends.create(new LimitSettings(Optional.of(URI.create(REDIS)),
                    "jt-" + UUID.randomUUID(), 4096, Duration.ofSeconds(5), Duration.ofSeconds(2),
                    LimitSettings.RedisFailurePolicy.ALLOW), store, clock, Runnable::run);
        }
        return backends;
    }

    @AfterEach
    void close() {
        backends.close();
    }

    /** What undoes a reserve or settle whose answer was lost: it settles once, whatever happened. */
    @Test
    void aReservationInDoubtSettlesOnlyIfItWasMadeAndOnlyOnce() {
        BudgetLedger ledger = backends().budgets();
        var token = token(1_000, Optional.of(BudgetPeriod.DAILY));
        var made = ledger.reserve(token, clock.instant(), 400, "made");
        ledger.settleIfHeld(made, 300);
        ledger.settleIfHeld(made, 300);
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(300);
        ledger.settle(ledger.reserve(token, clock.instant(), 400, "settled"), 100);
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(400);

        var neverMade = BudgetLedger.Reservation.of(token, clock.instant(), 400, "never-made");
        ledger.settleIfHeld(neverMade, 500);
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(400);
        // Nothing is left reserved: the rest of the budget (600) can be reserved again.
        ledger.reserve(token, clock.instant(), 1, "after");
    }

    @Test
    void aSlotInDoubtIsForgottenWhetherOrNotItWasTaken() {
        ConcurrencyLimiter limiter = backends().concurrency();
        String tokenId = "t-" + UUID.randomUUID();
        assertThat(limiter.tryAcquire(tokenId, 1, "taken")).isPresent();
        assertThat(limiter.tryAcquire(tokenId, 1, "second")).isEmpty();
        limiter.forget(tokenId, "taken");
        limiter.forget(tokenId, "taken");
        limiter.forget(tokenId, "never-taken");
        assertThat(limiter.inFlight(tokenId)).isZero();
        assertThat(limiter.tryAcquire(tokenId, 1, "third")).isPresent();
    }
}
