package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings;
import dev.junction.gateway.usage.UsageStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Where limits are counted, chosen by configuration: in this process by default, in Redis when
 * {@code limits.redis_url} (or {@code JUNCTION_REDIS_URL}) is set, so that instances behind one
 * load balancer share their limits.
 */
public final class LimitBackends implements AutoCloseable {
    /** How long a request may hold a concurrency slot or budget reservation if its instance dies. */
    static final Duration LEASE_TTL = Duration.ofMinutes(15);

    private final BucketSource buckets;
    private final ConcurrencyLimiter concurrency;
    private final BudgetLedger budgets;
    private final Optional<RedisClient> redis;

    private LimitBackends(BucketSource buckets, ConcurrencyLimiter concurrency, BudgetLedger budgets,
            Optional<RedisClient> redis) {
        this.buckets = buckets;
        this.concurrency = concurrency;
        this.budgets = budgets;
        this.redis = redis;
    }

    /**
     * @param background where the in-process ledger runs its catch-up reads
     * @throws io.lettuce.core.RedisException when Redis is configured but cannot be reached
     */
    public static LimitBackends create(LimitSettings settings, UsageStore usage, Clock clock, Executor background) {
        if (settings.redisUrl().isEmpty()) {
            return new LimitBackends(new LocalBuckets(clock), new LocalConcurrency(),
                    new LocalBudgetLedger(usage, clock, background), Optional.empty());
        }
        RedisURI uri = RedisURI.create(settings.redisUrl().get());
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        try {
            StatefulRedisConnection<byte[], byte[]> bytes = client.connect(RedisCodec.of(ByteArrayCodec.INSTANCE,
                    ByteArrayCodec.INSTANCE));
            StatefulRedisConnection<String, String> text = client.connect();
            String prefix = settings.redisKeyPrefix();
            return new LimitBackends(new RedisBuckets(bytes, prefix, clock),
                    new RedisConcurrency(text.sync(), prefix, clock, LEASE_TTL),
                    new RedisBudgetLedger(text.sync(), prefix, usage, clock, LEASE_TTL), Optional.of(client));
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    public BucketSource buckets() {
        return buckets;
    }

    public ConcurrencyLimiter concurrency() {
        return concurrency;
    }

    public BudgetLedger budgets() {
        return budgets;
    }

    public boolean shared() {
        return redis.isPresent();
    }

    @Override
    public void close() {
        budgets.close();
        redis.ifPresent(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    }
}
