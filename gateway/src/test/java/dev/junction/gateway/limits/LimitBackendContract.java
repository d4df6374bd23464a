package dev.junction.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.access.BudgetPeriod;
import dev.junction.gateway.access.ModelAllowlist;
import dev.junction.gateway.access.Token;
import dev.junction.gateway.access.TokenLimits;
import dev.junction.gateway.access.TokenStatus;
import dev.junction.gateway.testing.MutableClock;
import dev.junction.gateway.usage.UsageStore;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What every limit backend must do, in-process and in Redis. Time is moved, never slept. */
abstract class LimitBackendContract {
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-10T23:59:00Z"));
    final Map<String, Long> databaseSpend = new java.util.concurrent.ConcurrentHashMap<>();

    /** A usage store that only knows spend, as the ledgers need. */
    final UsageStore store = new UsageStore() {
        @Override
        public List<dev.junction.gateway.usage.UsageRecord> insert(List<dev.junction.gateway.usage.UsageRecord> r) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.junction.gateway.usage.UsagePage find(dev.junction.gateway.usage.UsageQuery q, Optional<String> c,
                int l) {
            throw new UnsupportedOperationException();
        }

        @Override
        public dev.junction.gateway.usage.UsageSummary summarize(dev.junction.gateway.usage.UsageQuery q,
                dev.junction.gateway.usage.UsageSummary.GroupBy b,
                Optional<dev.junction.gateway.usage.UsageSummary.Period> p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> spendSince(long fromEpochDay) {
            return Map.copyOf(databaseSpend);
        }
    };

    abstract LimitBackends backends();

    static Token token(long budgetMicros, Optional<BudgetPeriod> period) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Token(UUID.randomUUID().toString(), "t", "h", "...h", TokenStatus.ACTIVE, t, t, Optional.empty(),
                ModelAllowlist.ANY, List.of(), new TokenLimits(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.of(budgetMicros), period));
    }

    static BucketConfiguration perMinute(long n) {
        return BucketConfiguration.builder().addLimit(l -> l.capacity(n).refillGreedy(n, Duration.ofMinutes(1))).build();
    }

    @Test
    void bucketsRefillWithTheClock() {
        String key = "test:" + UUID.randomUUID();
        Bucket bucket = backends().buckets().bucket(key, perMinute(60));
        assertThat(bucket.tryConsumeAndReturnRemaining(60).isConsumed()).isTrue();
        assertThat(bucket.tryConsume(1)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(backends().buckets().bucket(key, perMinute(60)).tryConsume(1)).as("the same bucket by key")
                .isTrue();
        assertThat(bucket.tryConsume(1)).isFalse();
        bucket.consumeIgnoringRateLimits(30);
        clock.advance(Duration.ofSeconds(29));
        assertThat(bucket.tryConsume(1)).as("in debt until it has refilled").isFalse();
        clock.advance(Duration.ofSeconds(2));
        assertThat(bucket.tryConsume(1)).isTrue();
        bucket.addTokens(100);
        assertThat(bucket.getAvailableTokens()).as("never above capacity").isEqualTo(60);
    }

    @Test
    void concurrencyRefusesOverTheLimitAndReleases() {
        String tokenId = UUID.randomUUID().toString();
        ConcurrencyLimiter limiter = backends().concurrency();
        var a = limiter.tryAcquire(tokenId, 2, "r1").orElseThrow();
        limiter.tryAcquire(tokenId, 2, "r2").orElseThrow();
        assertThat(limiter.tryAcquire(tokenId, 2, "r3")).isEmpty();
        assertThat(limiter.inFlight(tokenId)).isEqualTo(2);
        a.release();
        assertThat(limiter.tryAcquire(tokenId, 2, "r4")).isPresent();
    }

    @Test
    void aBudgetAdmitsWhileSpentPlusReservedIsBelowItAndResetsWithThePeriod() {
        BudgetLedger ledger = backends().budgets();
        Token token = token(1_000, Optional.of(BudgetPeriod.DAILY));
        var r1 = ledger.reserve(token, clock.instant(), 600, "r1");
        var r2 = ledger.reserve(token, clock.instant(), 600, "r2");
        GatewayException refused = (GatewayException) org.assertj.core.api.Assertions.catchThrowable(() ->
                ledger.reserve(token, clock.instant(), 1, "r3"));
        assertThat(refused.error().kind()).isEqualTo(GatewayError.Kind.QUOTA_EXHAUSTED);
        assertThat(refused.error().retryAfter()).contains(Duration.ofMinutes(1));
        assertThat(refused.error().message()).contains("$0.001").contains("2026-03-11T00:00:00Z");
        ledger.settle(r1, 100);
        ledger.settle(r2, 100);
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(200);
        ledger.reserve(token, clock.instant(), 500, "r4");

        clock.advance(Duration.ofMinutes(2)); // a new day
        assertThat(ledger.spent(token, clock.instant())).isZero();
        ledger.reserve(token, clock.instant(), 900, "r5");
    }

    @Test
    void fiftyConcurrentReservationsOvershootByAtMostOne() throws Exception {
        BudgetLedger ledger = backends().budgets();
        Token token = token(10_000, Optional.of(BudgetPeriod.DAILY)); // a key that expires in Redis
        AtomicLong admitted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String id = "r" + i;
            all.add(pool.submit(() -> {
                try {
                    var r = ledger.reserve(token, clock.instant(), 700, id);
                    admitted.incrementAndGet();
                    ledger.settle(r, 700);
                } catch (GatewayException e) {
                    assertThat(e.error().kind()).isEqualTo(GatewayError.Kind.QUOTA_EXHAUSTED);
                }
            }));
        }
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        long spent = ledger.spent(token, clock.instant());
        assertThat(spent).isEqualTo(admitted.get() * 700).isBetween(10_000L, 10_700L);
    }

    @Test
    void spendRecordedBeforeARestartCounts() {
        Token token = token(1_000, Optional.of(BudgetPeriod.MONTHLY));
        databaseSpend.put(token.id(), 990L);
        BudgetLedger ledger = backends().budgets();
        ledger.preload(List.of(token));
        assertThat(ledger.spent(token, clock.instant())).isEqualTo(990);
        ledger.reserve(token, clock.instant(), 50, "r1");
        assertThatThrownBy(() -> ledger.reserve(token, clock.instant(), 1, "r2")).isInstanceOf(GatewayException.class);
    }
}
