package dev.junction.gateway.limits;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests in flight counted across instances: a sorted set per token whose members are request
 * ids scored by when their lease lapses, so an instance that dies mid-request frees its slots
 * after {@code leaseTtl} rather than never.
 */
public final class RedisConcurrency implements ConcurrencyLimiter {
    private static final String ACQUIRE = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """;

    private final RedisCommands<String, String> redis;
    private final String prefix;
    private final Clock clock;
    private final Duration leaseTtl;

    public RedisConcurrency(RedisCommands<String, String> redis, String prefix, Clock clock, Duration leaseTtl) {
        this.redis = redis;
        this.prefix = prefix;
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    private String key(String tokenId) {
        return prefix + ":inflight:" + tokenId;
    }

    @Override
    public Optional<Lease> tryAcquire(String tokenId, int limit, String requestId) {
        long now = clock.millis();
        String key = key(tokenId);
        Long ok = redis.eval(ACQUIRE, ScriptOutputType.INTEGER, new String[] {key}, Long.toString(now),
                Integer.toString(limit), Long.toString(now + leaseTtl.toMillis()), requestId,
                Long.toString(leaseTtl.toMillis() * 2));
        if (ok == null || ok == 0) {
            return Optional.empty();
        }
        return Optional.of(() -> redis.zrem(key, requestId));
    }

    @Override
    public void forget(String tokenId, String requestId) {
        redis.zrem(key(tokenId), requestId);
    }

    @Override
    public int inFlight(String tokenId) {
        return redis.zcount(key(tokenId), io.lettuce.core.Range.create((double) clock.millis(), Double.MAX_VALUE))
                .intValue();
    }
}
