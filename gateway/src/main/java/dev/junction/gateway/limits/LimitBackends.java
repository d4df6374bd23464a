package dev.junction.gateway.limits;

import dev.junction.gateway.config.LimitSettings;
import dev.junction.gateway.usage.UsageStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where limits are counted, chosen by configuration: in this process by default, in Redis when
 * {@code limits.redis_url} (or {@code JUNCTION_REDIS_URL}) is set, so that instances behind one
 * load balancer share their limits.
 *
 * <p>A Redis that stops answering must not stall requests: every command times out after
 * {@code limits.redis_timeout}, commands are refused at once while the connection is down
 * (instead of queueing for it), the client reconnects within a second of Redis coming back, and
 * the {@link LimitGuard} stops calling a Redis that keeps failing.
 */
public final class LimitBackends implements AutoCloseable {
    /** How long a request may hold a concurrency slot or budget reservation if its instance dies. */
    static final Duration LEASE_TTL = Duration.ofMinutes(15);

    private final BucketSource buckets;
    private final ConcurrencyLimiter concurrency;
    private final BudgetLedger budgets;
    private final LimitGuard guard;
    private final Optional<RedisClient> redis;

    private LimitBackends(BucketSource buckets, ConcurrencyLimiter concurrency, BudgetLedger budgets,
            LimitGuard guard, Optional<RedisClient> redis) {
        this.buckets = buckets;
        this.concurrency = concurrency;
        this.budgets = budgets;
        this.guard = guard;
        this.redis = redis;
    }

    /**
     * @param background where the in-process ledger runs its catch-up reads
     * @throws io.lettuce.core.RedisException when Redis is configured but cannot be reached
     */
    public static LimitBackends create(LimitSettings settings, UsageStore usage, Clock clock, Executor background) {
        if (settings.redisUrl().isEmpty()) {
            return new LimitBackends(new LocalBuckets(clock), new LocalConcurrency(),
                    new LocalBudgetLedger(usage, clock, background), LimitGuard.inProcess(), Optional.empty());
        }
        Duration timeout = settings.redisTimeout();
        RedisURI uri = RedisURI.create(settings.redisUrl().get());
        // The connection's set-up may take longer than a command (TLS, AUTH, a cold start); each
        // command is held to the timeout by the client's timeout options below.
        uri.setTimeout(timeout.compareTo(Duration.ofSeconds(2)) > 0 ? timeout : Duration.ofSeconds(2));
        ClientResources resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(1)).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        try {
            StatefulRedisConnection<byte[], byte[]> bytes = client.connect(RedisCodec.of(ByteArrayCodec.INSTANCE,
                    ByteArrayCodec.INSTANCE));
            StatefulRedisConnection<String, String> text = client.connect();
            String prefix = settings.redisKeyPrefix();
            return new LimitBackends(new RedisBuckets(bytes, prefix, clock, timeout),
                    new RedisConcurrency(text.sync(), prefix, clock, LEASE_TTL),
                    new RedisBudgetLedger(text.sync(), prefix, usage, clock, LEASE_TTL),
                    LimitGuard.shared(settings.onRedisFailure()), Optional.of(client));
        } catch (RuntimeException e) {
            client.shutdown();
            resources.shutdown();
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

    /** What every limit filter calls its backend through. */
    public LimitGuard guard() {
        return guard;
    }

    public boolean shared() {
        return redis.isPresent();
    }

    @Override
    public void close() {
        budgets.close();
        redis.ifPresent(c -> {
            c.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            c.getResources().shutdown(0, 2, TimeUnit.SECONDS);
        });
    }
}
