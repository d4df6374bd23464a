package dev.junction.gateway.limits;

import dev.junction.gateway.access.Token;
import dev.junction.gateway.usage.UsageStore;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Budgets shared by every instance through Redis. Per token and period there are two keys: the
 * spent total ({@code INCRBY} on settle) and a sorted set of reservations in flight, each
 * member {@code <request id>:<micros>} scored by when it lapses, so the reservations of an
 * instance that died are forgotten after {@code reservationTtl} instead of holding the budget
 * forever. Each step is one Lua script, so check-and-reserve is atomic across instances.
 *
 * <p>The database stays the record: {@link #sync} seeds a missing spent key (a Redis that was
 * flushed or replaced) from the spend the usage records hold.
 */
public final class RedisBudgetLedger implements BudgetLedger {
    private static final String RESERVE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
            local reserved = 0
            for _, m in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
              reserved = reserved + tonumber(string.match(m, ':(%d+)$'))
            end
            if spent + reserved >= tonumber(ARGV[2]) then
              return {0, spent + reserved}
            end
            redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[5])
            return {1, spent + reserved}
            """;
    private static final String SETTLE = """
            redis.call('ZREM', KEYS[2], ARGV[1])
            local spent = redis.call('INCRBY', KEYS[1], ARGV[2])
            if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return spent
            """;

    private static final String SETTLE_IF_HELD = """
            if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then return -1 end
            local spent = redis.call('INCRBY', KEYS[1], ARGV[2])
            if tonumber(ARGV[3]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
            return spent
            """;

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final UsageStore store;
    private final Clock clock;
    private final Duration reservationTtl;
    private final Map<String, Token> known = new ConcurrentHashMap<>();

    public RedisBudgetLedger(RedisCommands<String, String> redis, String prefix, UsageStore store, Clock clock,
            Duration reservationTtl) {
        this.redis = redis;
        this.prefix = prefix;
        this.store = store;
        this.clock = clock;
        this.reservationTtl = reservationTtl;
    }

    private String spentKey(String tokenId, long startDay) {
        return prefix + ":budget:" + tokenId + ":" + startDay + ":spent";
    }

    private String reservedKey(String tokenId, long startDay) {
        return prefix + ":budget:" + tokenId + ":" + startDay + ":reserved";
    }

    private static String member(String requestId, long amount) {
        return requestId + ":" + Math.max(0, amount);
    }

    @Override
    public Reservation reserve(Token token, Instant at, long estimateMicros, String requestId) {
        known.put(token.id(), token);
        long budget = token.limits().budgetMicros().orElseThrow();
        BudgetWindow window = BudgetWindow.of(token.limits().budgetPeriod(), at);
        long now = clock.millis();
        List<Long> result = redis.eval(RESERVE, ScriptOutputType.MULTI,
                new String[] {spentKey(token.id(), window.startDay()), reservedKey(token.id(), window.startDay())},
                Long.toString(now), Long.toString(budget), member(requestId, estimateMicros),
                Long.toString(now + reservationTtl.toMillis()), Long.toString(reservationTtl.toMillis() * 2));
        if (result.get(0) == 0) {
            throw QuotaErrors.budgetExhausted(token, budget, result.get(1), window, clock.instant());
        }
        return Reservation.of(token, at, estimateMicros, requestId);
    }

    @Override
    public void settle(Reservation r, long actualMicros) {
        settle(SETTLE, r, actualMicros);
    }

    @Override
    public void settleIfHeld(Reservation r, long actualMicros) {
        settle(SETTLE_IF_HELD, r, actualMicros);
    }

    private void settle(String script, Reservation r, long actualMicros) {
        Token token = known.get(r.tokenId());
        long ttl = token == null ? 0 : ttlMillis(token);
        redis.eval(script, ScriptOutputType.INTEGER,
                new String[] {spentKey(r.tokenId(), r.startDay()), reservedKey(r.tokenId(), r.startDay())},
                member(r.requestId(), r.amount()), Long.toString(Math.max(0, actualMicros)), Long.toString(ttl));
    }

    /** A period's keys outlive it by a day; a budget that never resets keeps its key. */
    private long ttlMillis(Token token) {
        return BudgetWindow.of(token.limits().budgetPeriod(), clock.instant()).end()
                .map(end -> Duration.between(clock.instant(), end).plusDays(1).toMillis()).orElse(0L);
    }

    @Override
    public long spent(Token token, Instant at) {
        BudgetWindow window = BudgetWindow.of(token.limits().budgetPeriod(), at);
        String value = redis.get(spentKey(token.id(), window.startDay()));
        return value == null ? store.spendSince(window.startDay()).getOrDefault(token.id(), 0L) : Long.parseLong(value);
    }

    @Override
    public void preload(Collection<Token> tokens) {
        for (Token t : tokens) {
            if (t.limits().budgetMicros().isPresent()) {
                known.put(t.id(), t);
            }
        }
        sync();
    }

    @Override
    public void sync() {
        Instant now = clock.instant();
        Map<Long, Map<String, Long>> byStart = new HashMap<>();
        for (Token t : known.values()) {
            BudgetWindow window = BudgetWindow.of(t.limits().budgetPeriod(), now);
            String key = spentKey(t.id(), window.startDay());
            if (redis.exists(key) == 0) {
                long spent = byStart.computeIfAbsent(window.startDay(), store::spendSince).getOrDefault(t.id(), 0L);
                long ttl = ttlMillis(t);
                redis.set(key, Long.toString(spent), ttl > 0 ? SetArgs.Builder.nx().px(ttl) : SetArgs.Builder.nx());
            }
        }
    }
}
